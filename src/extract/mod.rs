//! Extractors: one module per source format, each turning source text into [`Record`]s.
//!
//! Extractors never judge TLS-RPT; they report only what the format itself gets wrong
//! (`source-syntax-error`, `unreadable-file`, `unevaluated-value`) and hand every record a
//! rule may read to the model. They do no I/O of their own: a [`Loader`] fetches included
//! files, so the caller decides what may be read, and keeps a [`Memo`] for the run, so what
//! many files derive from one shared file is derived once.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::model::Record;
use crate::text::Source;

pub mod companions;
pub mod dnscontrol;
pub mod mta_sts_policy;
pub mod nix;
pub mod placeholders;
pub mod terraform;
pub mod writing;
pub mod yaml;
pub mod zone;

/// Which reader a walked file goes to: the walk's class of a file, by its name or a sniff
/// of its first bytes. It is not where a record came from ([`crate::model::Format`]): the
/// dialect of a YAML or JSON file (OctoDNS, CloudFormation, Ansible...) only its content
/// tells, so one class, [`FileClass::Yaml`], stands for six formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileClass {
    /// A BIND / RFC 1035 master file (or a Jinja template of one).
    Zone,
    /// `.well-known/mta-sts.txt`.
    MtaStsPolicy,
    /// `*.yaml`, `*.yml`, `*.json`: the YAML layer sniffs the dialect.
    Yaml,
    /// `*.tf`, `*.tf.json`, `*.tfvars`.
    Terraform,
    /// A `dnsconfig.js` (or a JavaScript file that calls `D(...)`).
    DnsControl,
    /// `*.nix`.
    Nix,
}

/// What one extractor run produced.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Fetches files that a source includes (`$INCLUDE`).
pub trait Loader: Sync {
    /// Loads `path` as written in `from`, relative to `from`'s directory. The error is a
    /// message for `unreadable-file` ("file not found", "outside the linted root").
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String>;

    /// The names of the entries (files and directories) of the directory `dir`, written
    /// relative to `from`'s directory, sorted; none where it cannot be read or leaves the
    /// root. Readers that look for a configuration beside their file (an OctoDNS zone file)
    /// or read a unit that spans a directory (a Terraform module, `list(from, ".")`) use it.
    fn list(&self, _from: &Source, _dir: &str) -> Vec<String> {
        Vec::new()
    }

    /// Whether the ignore files (`.gitignore`...) leave out `path`, written relative to
    /// `from`'s directory, which need not exist: a file generated before deploy.
    fn is_ignored(&self, _from: &Source, _path: &str) -> bool {
        false
    }

    /// The run's [`Memo`]; none where nothing is kept between files (fuzzing, tests).
    fn memo(&self) -> Option<&Memo> {
        None
    }
}

/// A loader for text held in memory (fuzzing, `generate`): every include is refused, with
/// the reason given.
pub struct NoIncludes(pub &'static str);

impl Loader for NoIncludes {
    fn load(&self, _from: &Source, path: &str) -> Result<Arc<Source>, String> {
        Err(format!("`{path}`: {}", self.0))
    }
}

/// What readers derive from a file that many files share (an OctoDNS configuration, for
/// every zone file of the directory it names), kept for one run: a directory of ten
/// thousand zone files would otherwise derive it ten thousand times.
#[derive(Default)]
pub struct Memo(Mutex<HashMap<String, Arc<dyn Any + Send + Sync>>>);

impl Memo {
    /// What `make` gives for `key`, made once per run (two threads may both make it, and
    /// the first kept is used from then on). A key names its reader
    /// (`octodns-provider:<dir>`).
    fn get<T: Any + Send + Sync>(&self, key: &str, make: impl FnOnce() -> T) -> Arc<T> {
        let kept = self.0.lock().unwrap().get(key).cloned();
        if let Some(value) = kept.and_then(|v| v.downcast::<T>().ok()) {
            return value;
        }
        let made = Arc::new(make());
        let shared: Arc<dyn Any + Send + Sync> = made.clone();
        self.0
            .lock()
            .unwrap()
            .entry(key.to_string())
            .or_insert(shared);
        made
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// What `make` gives for `key`: made once per run where the loader keeps a [`Memo`], else
/// each time.
pub fn memoized<T: Any + Send + Sync>(
    loader: &dyn Loader,
    key: &str,
    make: impl FnOnce() -> T,
) -> Arc<T> {
    match loader.memo() {
        Some(memo) => memo.get(key, make),
        None => Arc::new(make()),
    }
}

/// Source text as a finding quotes it: its first line, at most 40 characters.
pub(crate) fn shorten(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut shown: String = line.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

/// Extracts the records of `source`, read as `class`; `origin` is the zone and `dialect`
/// the zone-file dialect the settings name for the file, if any.
pub fn extract(
    class: FileClass,
    source: &Arc<Source>,
    loader: &dyn Loader,
    origin: Option<&str>,
    dialect: Option<zone::Dialect>,
) -> Extracted {
    let mut extracted = match class {
        FileClass::Zone => zone::extract(source, loader, origin, dialect),
        FileClass::MtaStsPolicy => mta_sts_policy::extract(source, origin),
        FileClass::Yaml => yaml::extract(source, loader, origin),
        FileClass::Terraform => terraform::extract(source, loader, origin),
        FileClass::DnsControl => dnscontrol::extract(source, loader),
        FileClass::Nix => nix::extract(source, origin),
    };
    let mut placeholders = placeholders::unevaluated(&extracted.records);
    extracted.diagnostics.append(&mut placeholders);
    extracted
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    struct Memoizing(Memo);

    impl Loader for Memoizing {
        fn load(&self, _: &Source, path: &str) -> Result<Arc<Source>, String> {
            Err(format!("`{path}`: no files here"))
        }

        fn memo(&self) -> Option<&Memo> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_memo_makes_each_key_once_per_run() {
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            made.get()
        };
        let loader = Memoizing(Memo::default());
        assert_eq!(*memoized(&loader, "a", make), 1);
        assert_eq!(*memoized(&loader, "a", make), 1);
        assert_eq!(*memoized(&loader, "b", make), 2);
        // A value of another type under a key is made afresh, not mistaken for it.
        assert_eq!(*memoized(&loader, "a", || "text"), "text");
        assert_eq!(made.get(), 2);
    }
}
