//! Organizational domains by the Public Suffix List, compiled into the binary.
//!
//! The list is `data/public_suffix_list.dat` as published at publicsuffix.org (the copy here
//! is Debian's `publicsuffix` package, 2023-02-09); to update it, replace the file with a
//! newer copy (`cp /usr/share/publicsuffix/public_suffix_list.dat data/` after installing
//! the package, or the file from publicsuffix.org) and run `cargo test psl`.
//!
//! The matching algorithm (publicsuffix.org/list, "Formal algorithm") is a dozen lines:
//! rules are names, `*.` wildcards and `!` exceptions; the public suffix is the longest
//! matching rule (an exception wins and drops its first label; no match means the last
//! label); the organizational domain is the suffix plus one label. Crates that embed the
//! list as generated code (`psl`) cost a minute of compile time on two cores for the same
//! lookup, so the list is data here, parsed once into a hash set on first use (~10,000
//! rules, a few milliseconds). Names are compared in ASCII lowercase; the list's
//! internationalised rules are in Unicode, so a punycode (`xn--`) name matches only the
//! list's ASCII rules, which is all a host in a `rua` URI can be (see
//! `uri::host_name::host_problem`).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

static LIST: &str = include_str!("../data/public_suffix_list.dat");

/// The rules of the list, each as written without `!` / `*.`, in three sets.
/// A hash for short names (the FxHash of rustc, eight bytes a step), for the sets built
/// here and the memo of [`crate::inventory`]. Names are hashed tens of thousands of times
/// on a large zone, where SipHash's setup and rounds cost more than the lookups; no input
/// can flood the fixed sets, and a memo of a run's own names gains nothing from DoS
/// resistance.
#[derive(Default, Clone, Copy)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        // The table picks buckets by the low bits and tags by the high ones: mix both.
        self.0 ^ (self.0 >> 29) ^ self.0.rotate_left(26)
    }
}

/// Hash maps and sets keyed by names, with [`NameHasher`].
pub type BuildNameHasher = BuildHasherDefault<NameHasher>;

type Set = HashSet<&'static str, BuildNameHasher>;

struct Rules {
    names: Set,
    wildcards: Set,
    exceptions: Set,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = Rules {
            names: Set::default(),
            wildcards: Set::default(),
            exceptions: Set::default(),
        };
        for line in LIST.lines() {
            // A rule is the first word of a line; comments start with `//`.
            let Some(rule) = line.split_whitespace().next() else {
                continue;
            };
            if rule.starts_with("//") {
                continue;
            }
            if let Some(rest) = rule.strip_prefix('!') {
                rules.exceptions.insert(rest);
            } else if let Some(rest) = rule.strip_prefix("*.") {
                rules.wildcards.insert(rest);
            } else {
                rules.names.insert(rule);
            }
        }
        rules
    })
}

/// The organizational domain of `name` (absolute or not; any case), in lowercase without a
/// trailing dot: the public suffix plus one label. `None` when `name` is itself a public
/// suffix, or empty.
pub fn organizational_domain(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let rules = rules();
    // Label starts, from the first label to the last: each suffix is `name[start..]`.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(name.match_indices('.').map(|(i, _)| i + 1))
        .collect();
    // The longest matching rule is found at the leftmost start that matches.
    let mut suffix_labels = 1;
    for (k, &start) in starts.iter().enumerate() {
        let suffix = &name[start..];
        let labels = starts.len() - k;
        if rules.exceptions.contains(suffix) {
            suffix_labels = labels - 1;
            break;
        }
        if rules.names.contains(suffix) {
            suffix_labels = labels;
            break;
        }
        // `*.ck` matches `anything.ck`: the suffix one label longer than the rule.
        let parent = suffix.split_once('.').map(|(_, parent)| parent);
        if parent.is_some_and(|p| rules.wildcards.contains(p)) {
            suffix_labels = labels;
            break;
        }
    }
    let org_labels = suffix_labels + 1;
    (starts.len() >= org_labels).then(|| name[starts[starts.len() - org_labels]..].to_string())
}

#[cfg(test)]
mod tests {
    use super::organizational_domain;

    #[test]
    fn psl_test_vectors() {
        // From the list's own test file (publicsuffix.org, tests/test_psl.txt).
        for (name, org) in [
            ("com", None),
            ("example.com", Some("example.com")),
            ("www.example.com", Some("example.com")),
            ("b.example.uk.com", Some("example.uk.com")),
            ("a.b.example.uk.com", Some("example.uk.com")),
            ("test.ac", Some("test.ac")),
            ("c.gov.cy", Some("c.gov.cy")),
            ("jp", None),
            ("test.jp", Some("test.jp")),
            ("www.test.jp", Some("test.jp")),
            ("ac.jp", None),
            ("test.ac.jp", Some("test.ac.jp")),
            ("kyoto.jp", None),
            ("test.kyoto.jp", Some("test.kyoto.jp")),
            ("ide.kyoto.jp", None),
            ("b.ide.kyoto.jp", Some("b.ide.kyoto.jp")),
            ("c.kobe.jp", None),
            ("b.c.kobe.jp", Some("b.c.kobe.jp")),
            ("city.kobe.jp", Some("city.kobe.jp")),
            ("www.city.kobe.jp", Some("city.kobe.jp")),
            ("ck", None),
            ("test.ck", None),
            ("b.test.ck", Some("b.test.ck")),
            ("www.ck", Some("www.ck")),
            ("www.www.ck", Some("www.ck")),
            ("us", None),
            ("test.us", Some("test.us")),
            ("ak.us", None),
            ("test.ak.us", Some("test.ak.us")),
            ("k12.ak.us", None),
            ("test.k12.ak.us", Some("test.k12.ak.us")),
            ("Mail.Example.CO.UK.", Some("example.co.uk")),
            ("unlisted-tld", None),
            ("a.unlisted-tld", Some("a.unlisted-tld")),
            ("", None),
        ] {
            assert_eq!(organizational_domain(name).as_deref(), org, "{name}");
        }
    }
}
