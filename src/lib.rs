//! tlsrpt-lint: an offline linter for SMTP TLS Reporting (RFC 8460) records in DNS-as-code
//! repositories.
//!
//! This library exists for the `tlsrpt-lint` binary and its tests; it is not a stable API.
//! The flow is walk → classify → extract → model → rules → diagnostics → render:
//!
//! - [`walk`] finds files and classifies them by name, then by a cheap sniff;
//! - [`files`] reads them (the only other module that touches the disk);
//! - [`extract`] turns each format into [`model::Record`]s with exact spans ([`text`]);
//! - [`named_conf`] gives zone files their origins from BIND configurations;
//! - [`model`] groups records by owner name; [`inventory`] answers, once per run, where each
//!   policy's reports go, whether the destinations authorized them ([`psl`]: organizational
//!   domains) and whether the domain has MTA-STS or DANE;
//! - [`record`] parses RFC 8460 / RFC 8461 values; [`rules`] judge records;
//! - [`suppress`] applies inline `tlsrpt-lint: allow` comments and reports unused ones;
//! - [`render`] prints [`diagnostic::Diagnostic`]s as snippets, concise lines or JSON.
//!
//! [`config`] finds and reads `tlsrpt-lint.toml` and resolves it with the command line into
//! [`Settings`].
//!
//! [`check_paths`] and [`check_value`] are the entry points.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub mod config;
pub mod diagnostic;
pub mod extract;
pub mod files;
pub mod fuzzing;
pub mod inventory;
pub mod model;
pub mod named_conf;
pub mod psl;
pub mod record;
#[macro_use]
pub mod rule;
pub mod render;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod uri;
pub mod walk;

use diagnostic::{Diagnostic, Location, Severity};
use model::{Format, Model, Name, RData, Record, RecordKind, Txt, TxtString};
use rules::Rule;
use text::{Decoded, Source, Span};

/// What a run checks and how.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The rules that run, with the severity each reports at.
    pub rules: Vec<(&'static Rule, Severity)>,
    /// Worker threads for walking and extracting (0: one per core).
    pub threads: usize,
    /// Skip explicitly named files that the walk would skip too.
    pub force_exclude: bool,
    /// The least severity that fails the run (`None`: never).
    pub fail_on: Option<Severity>,
    /// `include` / `exclude` globs for the walk.
    pub files: config::PathFilter,
    /// `[zones]`: origins for files whose names do not give them.
    pub zones: config::ZoneOrigins,
    /// Domains trusted to receive reports (lowercase, no trailing dot).
    pub authorized_destinations: Vec<String>,
    /// The TTL floor in seconds, when the configuration sets one.
    pub short_ttl: Option<u32>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: rules::ALL.iter().map(|r| (*r, r.severity)).collect(),
            threads: 0,
            force_exclude: false,
            fail_on: Some(Severity::Error),
            files: config::PathFilter::default(),
            zones: config::ZoneOrigins::default(),
            authorized_destinations: Vec::new(),
            short_ttl: None,
        }
    }
}

impl Settings {
    /// Only the rules for which `keep` is true.
    pub fn retain_rules(&mut self, keep: impl Fn(&Rule) -> bool) {
        self.rules.retain(|(rule, _)| keep(rule));
    }

    /// Gives `d` the severity its rule has here; false when the rule is not enabled.
    fn apply_severity(&self, d: &mut Diagnostic) -> bool {
        let found = self.rules.iter().find(|(r, _)| *r == d.rule);
        if let Some((_, severity)) = found {
            d.severity = *severity;
        }
        found.is_some()
    }
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Every policy, authorization and `_mta-sts` record, plus any other record a
    /// diagnostic is about, in output order.
    pub records: Vec<Record>,
    /// Every policy with its destinations and companion; `record` indexes `records`.
    pub policies: Vec<inventory::Policy>,
    pub files_scanned: usize,
    pub files_with_records: usize,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// The tool's own failures (never problems in the linted input).
#[derive(Debug)]
pub enum Error {
    /// A path named on the command line does not exist or cannot be walked.
    Path { path: PathBuf, message: String },
    /// Bad arguments or settings.
    Usage(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Path { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// Lints every DNS source under `paths`.
pub fn check_paths(paths: &[PathBuf], settings: &Settings) -> Result<Outcome, Error> {
    let options = walk::Options {
        threads: settings.threads,
        force_exclude: settings.force_exclude,
        filter: settings.files.clone(),
    };
    // One walk finds the files to lint and the BIND configurations that give zone files
    // their origins; the files are read once every configuration is.
    let candidates = Mutex::new(Vec::new());
    let stats = walk::walk(paths, &options, named_conf::is_named_conf, &|file| {
        candidates.lock().unwrap().push(file);
    })?;
    let mut named = named_conf::NamedOrigins::default();
    for (conf, root) in &stats.also {
        named.read(conf, root);
    }
    let memo = extract::Memo::default();
    let candidates = candidates.into_inner().unwrap();
    let mut found = in_parallel(&candidates, settings.threads, |file| {
        read_file(file, settings, &named, &memo)
    });
    let files_with_records = found.iter().filter(|(e, _)| !e.records.is_empty()).count();
    let mut records = Vec::new();
    let mut diagnostics = Vec::new();
    let mut suppressions = Vec::new();
    for (e, s) in &mut found {
        records.append(&mut e.records);
        diagnostics.append(&mut e.diagnostics);
        suppressions.append(s);
    }
    // Sorted so that, of two reads of one file, the same one is used whatever the threads did.
    suppressions.sort_by_key(|s| s.path().to_string());
    let mut outcome = finish(records, diagnostics, &suppressions, settings);
    outcome.files_scanned = stats.files_seen;
    outcome.files_with_records = files_with_records;
    Ok(outcome)
}

/// `f` over `items` on `threads` threads (0: one per core), the results in `items`' order.
/// Threads take the next item from a shared counter, so a slow file holds up no other.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            // A panic in a helper is a bug: it goes on here, as it would on one thread.
            all.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Reads and extracts one walked file, with the suppressions in it and in the files it
/// includes; a file that cannot be read is a diagnostic.
fn read_file(
    file: &walk::Candidate,
    settings: &Settings,
    named: &named_conf::NamedOrigins,
    memo: &extract::Memo,
) -> (extract::Extracted, Vec<suppress::FileSuppressions>) {
    let (source, extracted) = match files::read_text(&file.path) {
        Ok(text) => {
            let source = Arc::new(Source::new(file.display.clone(), text));
            let loader = files::FsLoader::new(&file.root).with_memo(memo);
            // `[zones]` first, then named.conf; the file name last (in the extractor).
            let origin = settings
                .zones
                .origin_for(&file.path)
                .or_else(|| named.origin_for(&file.path));
            let extracted = extract::extract(file.format, &source, &loader, origin);
            (source, extracted)
        }
        Err(message) => {
            let source = Arc::new(Source::new(file.display.clone(), String::new()));
            let diagnostic = Diagnostic::new(
                &rules::unreadable_file::UNREADABLE_FILE,
                Location::new(&source, Span::default()),
                message,
            );
            let extracted = extract::Extracted {
                records: Vec::new(),
                diagnostics: vec![diagnostic],
            };
            (source, extracted)
        }
    };
    let mut sources = vec![&source];
    let included = extracted.records.iter().map(|r| &r.source);
    for other in included.chain(extracted.diagnostics.iter().map(|d| &d.location.source)) {
        if !sources.iter().any(|s| s.path == other.path) {
            sources.push(other);
        }
    }
    let suppressions = sources
        .into_iter()
        .filter_map(|source| suppress::scan(file.format, source))
        .collect();
    (extracted, suppressions)
}

/// Lints one source held in memory, read as `format`; `loader` serves its includes.
pub fn check_source(
    source: &Arc<Source>,
    format: Format,
    loader: &dyn extract::Loader,
    settings: &Settings,
) -> Outcome {
    let extracted = extract::extract(format, source, loader, None);
    let suppressions: Vec<_> = suppress::scan(format, source).into_iter().collect();
    let has_records = !extracted.records.is_empty();
    let mut outcome = finish(
        extracted.records,
        extracted.diagnostics,
        &suppressions,
        settings,
    );
    outcome.files_scanned = 1;
    outcome.files_with_records = usize::from(has_records);
    outcome
}

/// Lints one value, as `tlsrpt-lint validate` does: the value is its own source, taken
/// exactly as given. `domain` names the policy domain, when known.
pub fn check_value(
    value: &str,
    display: &str,
    kind: RecordKind,
    domain: Option<&str>,
    settings: &Settings,
) -> Outcome {
    let record = value_record(value, display, kind, domain);
    let mut outcome = finish(vec![record], Vec::new(), &[], settings);
    outcome.files_scanned = 1;
    outcome.files_with_records = 1;
    outcome
}

/// A TXT record whose source is `value` itself, at the name a record of `kind` for
/// `domain` would have.
pub fn value_record(value: &str, display: &str, kind: RecordKind, domain: Option<&str>) -> Record {
    let source = Arc::new(Source::new(display, value));
    let domain = domain.map(|d| format!("{}.", d.trim_end_matches('.')));
    let prefix = match kind {
        RecordKind::Policy => "_smtp._tls",
        RecordKind::MtaSts => "_mta-sts",
        RecordKind::Authorization => "_report._tls",
        RecordKind::Other => "",
    };
    let name = match (&domain, kind) {
        (Some(d), RecordKind::Authorization) => format!("{d}{prefix}."),
        (Some(d), _) if prefix.is_empty() => d.clone(),
        (Some(d), _) => format!("{prefix}.{d}"),
        (None, RecordKind::Authorization) => format!("policy.invalid.{prefix}"),
        (None, _) => prefix.to_string(),
    };
    let len = value.len() as u32;
    Record {
        source,
        format: Format::Value,
        name: Name {
            text: name,
            span: Span::default(),
        },
        zone: domain,
        rtype: "TXT".to_string(),
        ttl: None,
        ttl_span: Span::default(),
        span: Span::new(0, len),
        data: RData::Txt(Txt {
            value: Decoded::verbatim(value, 0),
            strings: vec![TxtString {
                range: 0..len,
                quoted: true,
            }],
            cut_by_comment: None,
        }),
    }
}

/// Groups the extracted records into the model, runs the rules over records and record
/// sets, applies the settings and the suppressions, and sorts. Records of no reporting kind
/// stay in the outcome only when a diagnostic is about them.
fn finish(
    mut records: Vec<Record>,
    mut diagnostics: Vec<Diagnostic>,
    suppressions: &[suppress::FileSuppressions],
    settings: &Settings,
) -> Outcome {
    let selected: Vec<&'static Rule> = settings.rules.iter().map(|(r, _)| *r).collect();
    // Sorted first, so "the first record at a name" is the same whatever the threads did.
    records.sort_by(|a, b| (&a.source.path, a.span.start).cmp(&(&b.source.path, b.span.start)));
    let model = Model::new(&records);
    let checks = rules::run::Checks::of(&selected);
    let (mut policies, flagged) = check_model(&model, settings, &checks, &mut diagnostics);
    let kept: Vec<bool> = flagged
        .iter()
        .enumerate()
        .map(|(i, &flagged)| flagged || model.set_of(i).kind != RecordKind::Other)
        .collect();
    diagnostics.retain_mut(|d| settings.apply_severity(d));
    let mut unused = suppress::apply(suppressions, &records, &mut diagnostics, &selected);
    unused.retain_mut(|d| settings.apply_severity(d));
    diagnostics.append(&mut unused);
    // Policies are always kept: each moves to its record's index among the kept ones.
    let mut next = 0;
    let new_index: Vec<usize> = kept
        .iter()
        .map(|&keep| {
            next += usize::from(keep);
            next - usize::from(keep)
        })
        .collect();
    for policy in &mut policies {
        policy.record = new_index[policy.record];
    }
    let mut kept = kept.into_iter();
    records.retain(|_| kept.next().unwrap_or(false));
    diagnostic::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        records,
        policies,
        files_scanned: 0,
        files_with_records: 0,
    }
}

/// Models with fewer records are checked on one thread: a second one would cost more than
/// it saves.
const PARALLEL_RECORDS: usize = 4096;

/// Records checked together: a unit of work a thread claims.
const RECORD_CHUNK: usize = 1024;

/// The policy inventory and every selected check over the model: record checks, then set
/// checks, appended to `out`. Returns the inventory and, per record, whether a diagnostic
/// starts inside it.
///
/// Record checks depend on nothing but their record, and they are most of the work on a
/// large zone, so there a second thread checks chunks of records while this one builds the
/// inventory (which the set checks need) and then claims chunks too. Chunks are claimed
/// from a shared counter, so neither thread waits for the other (the machine's other core
/// may be busy), and joined in record order, so the output is the same as with one thread.
fn check_model(
    model: &Model<'_>,
    settings: &Settings,
    checks: &rules::run::Checks,
    out: &mut Vec<Diagnostic>,
) -> (Vec<inventory::Policy>, Vec<bool>) {
    let n = model.records.len();
    let parallel = n >= PARALLEL_RECORDS
        && settings.threads != 1
        && std::thread::available_parallelism().is_ok_and(|p| p.get() > 1);
    let next = AtomicUsize::new(0);
    // Claims chunks until none is left: (chunk index, its diagnostics and flags).
    let work = || {
        let mut done = Vec::new();
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            let start = chunk.saturating_mul(RECORD_CHUNK);
            if start >= n {
                return done;
            }
            let range = start..n.min(start + RECORD_CHUNK);
            done.push((chunk, rules::run::check_records(model, checks, range)));
        }
    };
    let (policies, mut chunks) = std::thread::scope(|scope| {
        let helper = parallel.then(|| scope.spawn(work));
        let policies = inventory::collect(model, &settings.authorized_destinations);
        let mut chunks = work();
        if let Some(helper) = helper {
            let theirs = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            chunks.extend(theirs);
        }
        (policies, chunks)
    });
    chunks.sort_unstable_by_key(|(chunk, _)| *chunk);
    let mut flagged = Vec::with_capacity(n);
    for (_, (mut found, chunk_flagged)) in chunks {
        out.append(&mut found);
        flagged.extend(chunk_flagged);
    }
    rules::run::check_sets(model, settings, &policies, checks, out, &mut flagged);
    (policies, flagged)
}
