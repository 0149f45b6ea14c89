//! Zone-origin precedence, decided in one place. A record's zone comes from, strongest
//! first: the file's own statement (`$ORIGIN`, a zone's own name in the format), then
//! `[zones]` configuration, then a BIND named.conf `zone` naming the file, then the file
//! name, then a template's variables, else none. The pipeline asks [`configured`] what
//! configuration and named.conf give ([`given`] is its normalised form); each reader starts from
//! [`starting`] and lets the file's own statements override it. The file-name rules live
//! here too: [`from_file_name`] for master files and octoDNS, [`from_nix_file_name`] for
//! `dns.nix` files, which is stricter on purpose (see there).

/// The origin the run's configuration names for a file: its `[zones]` entry, else the
/// named.conf `zone` that names it (looked up only when there is no `[zones]` entry).
pub fn configured<'a>(
    zones: Option<&'a str>,
    named_conf: impl FnOnce() -> Option<&'a str>,
) -> Option<&'a str> {
    zones.or_else(named_conf)
}

/// The origin configuration or named.conf gives, as an absolute name (`example.com.`).
pub fn given(origin: &str) -> String {
    format!("{}.", origin.trim_end_matches('.'))
}

/// The origin a master-file reader starts from: what configuration or named.conf gives for
/// the file, else its file name.
pub fn starting(given_origin: Option<&str>, path: &str) -> Option<String> {
    match given_origin {
        Some(origin) => Some(given(origin)),
        None => from_file_name(path),
    }
}

/// The zone a file is named for: `db.example.com`, `example.com.zone`, `example.com.db` and
/// `example.com` give `example.com.` (a Jinja template's `.j2`/`.jinja`/`.jinja2` aside). A
/// name needs two labels or more, the last one with a letter, so `primary.zone` or
/// `db.10.0.0` name no zone.
pub fn from_file_name(path: &str) -> Option<String> {
    let path = rendered_name(path);
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = file.to_ascii_lowercase();
    let name = if lower.starts_with("db.") {
        &file[3..]
    } else if lower.ends_with(".zone") {
        &file[..file.len() - 5]
    } else if lower.ends_with(".db") {
        &file[..file.len() - 3]
    } else if [".txt", ".conf", ".inc"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return None;
    } else {
        file
    };
    let labels: Vec<&str> = name.split('.').collect();
    let is_label = |l: &&str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let last_has_letter = labels
        .last()
        .is_some_and(|l| l.bytes().any(|b| b.is_ascii_alphabetic()));
    (labels.len() >= 2 && labels.iter().all(is_label) && last_has_letter)
        .then(|| format!("{name}."))
}

/// The zone a `dns.nix` file named after a domain holds (`example.com.nix` gives
/// `example.com`, lowercased, without the final dot), as `dns.nix` users name their zone
/// files. Deliberately stricter than [`from_file_name`]: only `*.nix`, no `_` in a label,
/// and a last label of letters only, since any Nix file could otherwise name a zone.
pub fn from_nix_file_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?.strip_suffix(".nix")?;
    let labels: Vec<&str> = name.split('.').collect();
    let domain = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|l| l.chars().all(|c| c.is_ascii_alphabetic()));
    domain.then(|| name.to_ascii_lowercase())
}

/// The path without its template extension, for the origin a file name gives.
fn rendered_name(path: &str) -> &str {
    [".j2", ".jinja2", ".jinja"]
        .iter()
        .find_map(|e| {
            let cut = path.len().checked_sub(e.len())?;
            path[cut..].eq_ignore_ascii_case(e).then(|| &path[..cut])
        })
        .unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_from_file_names() {
        assert_eq!(
            from_file_name("zones/db.example.com").as_deref(),
            Some("example.com.")
        );
        assert_eq!(
            from_file_name("example.com.zone").as_deref(),
            Some("example.com.")
        );
        assert_eq!(
            from_file_name("a/example.com.db").as_deref(),
            Some("example.com.")
        );
        assert_eq!(
            from_file_name("example.com").as_deref(),
            Some("example.com.")
        );
        assert_eq!(
            from_file_name("zones/example.com.zone.J2").as_deref(),
            Some("example.com.")
        );
        assert_eq!(from_file_name("primary.zone"), None);
        assert_eq!(from_file_name("db.10.0.0"), None);
        assert_eq!(from_file_name("policy.inc"), None);
    }

    #[test]
    fn nix_file_names_are_stricter() {
        assert_eq!(
            from_nix_file_name("zones/Example.COM.nix").as_deref(),
            Some("example.com")
        );
        assert_eq!(from_nix_file_name("example.com"), None);
        assert_eq!(from_nix_file_name("my_host.example.com.nix"), None);
        assert_eq!(from_nix_file_name("example.c0m.nix"), None);
        assert_eq!(
            from_file_name("example.c0m").as_deref(),
            Some("example.c0m.")
        );
    }

    #[test]
    fn given_origins_win_over_file_names() {
        assert_eq!(given("example.net"), "example.net.");
        assert_eq!(given("example.net."), "example.net.");
        assert_eq!(
            starting(Some("example.net"), "db.example.com").as_deref(),
            Some("example.net.")
        );
        assert_eq!(
            starting(None, "db.example.com").as_deref(),
            Some("example.com.")
        );
    }
}
