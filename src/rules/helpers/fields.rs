//! Judgments of field names and values that several 1xx rules share: why a name looks like
//! a mistake (`suspicious-field`, `missing-rua`, `unknown-field`, `invalid-extension`), and
//! whether a nameless field is a URI that only lacks `rua=` (`empty-field`).

/// Why a field name looks like a mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspicion {
    Dmarc,
    CaseOfRua,
    CaseOfV,
    NearRua,
}

const DMARC_TAGS: &[&str] = &["ruf", "p", "sp", "fo", "pct", "adkim", "aspf", "ri", "rf"];

/// Why `name` (cleaned) looks like a mistake, if it does.
pub fn suspicion(name: &str) -> Option<Suspicion> {
    if name == "rua" || name == "v" {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if DMARC_TAGS.contains(&lower.as_str()) {
        Some(Suspicion::Dmarc)
    } else if lower == "rua" {
        Some(Suspicion::CaseOfRua)
    } else if lower == "v" {
        Some(Suspicion::CaseOfV)
    } else if edit_distance(&lower, "rua") == 1 {
        Some(Suspicion::NearRua)
    } else {
        None
    }
}

/// Optimal string alignment distance (a swap of neighbours counts as one edit).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Whether a field without `=` is a URI that only lacks `rua=` (`empty-field` says so).
pub fn is_nameless_uri(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["mailto:", "https:", "http:"]
        .iter()
        .any(|s| lower.starts_with(s))
}
