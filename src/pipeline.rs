//! The `check` pipeline: walk → read and extract (in parallel) → model → rules →
//! suppressions → sorted [`Outcome`]. [`check_paths`], [`check_source`] and [`check_value`]
//! are its three entry points (a repository, one source in memory, one value); they share
//! [`finish`], which runs the rules over the model.

use std::collections::HashSet;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::config::Settings;
use crate::diagnostic::{self, Diagnostic, Location, Severity};
use crate::error::Error;
use crate::extract::FileClass;
use crate::model::{Format, Model, Name, RData, Record, RecordKind, Txt, TxtString, Writing};
use crate::parallel::{self, Spread};
use crate::rule::Rule;
use crate::rules;
use crate::rules::unread_mention::UNREAD_MENTION;
use crate::rules::unreadable_file::UNREADABLE_FILE;
use crate::text::{Decoded, Source, Span};
use crate::{extract, files, inventory, mail, mentions, named_conf, origin, suppress, walk};

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Every policy, authorization and `_mta-sts` record, plus any other record a
    /// diagnostic is about, in output order.
    pub records: Vec<Record>,
    /// Every policy with its destinations and companion; `record` indexes `records`.
    pub policies: Vec<inventory::TlsrptPolicy>,
    /// Every name that receives mail (`records --posture`).
    pub mail_domains: Vec<mail::MailDomain>,
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

    /// The `unread-mention` findings: mentions of reporting records that no record read
    /// accounts for.
    pub fn unread_mentions(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.rule == &UNREAD_MENTION)
            .count()
    }
}

/// Lints every DNS source under `paths`, and reports every mention of a reporting record
/// that no record read accounts for.
pub fn check_paths(paths: &[PathBuf], settings: &Settings) -> Result<Outcome, Error> {
    let options = walk::Options {
        threads: settings.threads,
        force_exclude: settings.force_exclude,
        filter: settings.files.clone(),
    };
    let scan = settings.rules.iter().any(|(r, _)| *r == &UNREAD_MENTION);
    // One walk finds the files to lint, the BIND configurations that give zone files
    // their origins, and the mentions in every other file; the files to lint are read once
    // every configuration is.
    let candidates = Mutex::new(Vec::new());
    let mentioned = Mutex::new(Vec::new());
    let stats = walk::walk(
        paths,
        &options,
        named_conf::is_named_conf,
        &|file| candidates.lock().unwrap().push(file),
        &|path, known| {
            if let Some(found) = scan.then(|| mentions::in_file(path, known)).flatten() {
                mentioned.lock().unwrap().push(found);
            }
        },
    )?;
    let mut named = named_conf::NamedOrigins::default();
    for (conf, root) in &stats.also {
        named.read(conf, root);
    }
    let memo = extract::Memo::default();
    let candidates = candidates.into_inner().unwrap();
    let read = parallel::map(&candidates, settings.threads, |file| {
        read_file(file, settings, &named, &memo, scan)
    });
    let mut found = without_included(&candidates, read);
    let files_with_records = found.iter().filter(|f| !f.0.records.is_empty()).count();
    let mut records = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = stats.errors.iter().map(walk_error).collect();
    let mut suppressions = Vec::new();
    let mut mentioned = mentioned.into_inner().unwrap();
    for (e, s, m) in &mut found {
        records.append(&mut e.records);
        diagnostics.append(&mut e.diagnostics);
        suppressions.append(s);
        mentioned.extend(m.take());
    }
    let mut unread = mentions::unread(&mentioned, &records, &diagnostics);
    diagnostics.append(&mut unread);
    // Sorted so that, of two reads of one file, the same one is used whatever the threads did.
    suppressions.sort_by_key(|s| s.path().to_string());
    let mut outcome = finish(records, diagnostics, &suppressions, settings);
    outcome.files_scanned = stats.files_seen;
    outcome.files_with_records = files_with_records;
    Ok(outcome)
}

/// The reads of `candidates`, less those of zone files that another walked file, itself
/// included by none, `$INCLUDE`s: they were read through it, with its origin, and read on
/// their own they would be zone files without one (their records and findings twice).
/// Files that include each other in a loop are all kept. A YAML or JSON file a Terraform
/// module decodes is read through the module only.
fn without_included(
    candidates: &[walk::Candidate],
    read: Vec<FileRead>,
) -> Vec<(
    extract::Extracted,
    Vec<suppress::FileSuppressions>,
    Option<mentions::Mentions>,
)> {
    let mut all = files::LoadedFiles::new(read.iter().flat_map(|(_, _, loaded, _)| loaded));
    // A zone candidate's path when another file loaded it.
    let canonical: Vec<Option<PathBuf>> = candidates
        .iter()
        .map(|c| {
            (c.class == FileClass::Zone)
                .then(|| all.find(&c.path))
                .flatten()
        })
        .collect();
    let is_root = |i: usize| canonical[i].is_none();
    let through_roots: HashSet<&PathBuf> = read
        .iter()
        .enumerate()
        .filter(|&(i, _)| is_root(i))
        .flat_map(|(_, (_, _, loaded, _))| loaded)
        .collect();
    let keep: Vec<bool> = canonical
        .iter()
        .map(|c| c.as_ref().is_none_or(|c| !through_roots.contains(c)))
        .collect();
    let decoded = decoded_by_terraform(candidates, &read);
    read.into_iter()
        .zip(keep)
        .zip(decoded)
        .filter(|((_, keep), _)| *keep)
        .map(|(((e, s, _, m), _), decoded)| match decoded {
            // Its mentions stay, to be found in the records read through the decoding.
            true => (extract::Extracted::default(), Vec::new(), m),
            false => (e, s, m),
        })
        .collect()
}

/// Which YAML and JSON candidates a Terraform module decodes
/// (`yamldecode(file("records.yaml"))`): their records were read through the module, and
/// read on their own as some YAML dialect they would be read twice.
fn decoded_by_terraform(candidates: &[walk::Candidate], read: &[FileRead]) -> Vec<bool> {
    let mut loaded = files::LoadedFiles::new(
        candidates
            .iter()
            .zip(read)
            .filter(|(c, _)| c.class == FileClass::Terraform)
            .flat_map(|(_, (_, _, loaded, _))| loaded),
    );
    candidates
        .iter()
        .map(|c| c.class == FileClass::Yaml && loaded.find(&c.path).is_some())
        .collect()
}

/// An entry the walk could not read, as an `unreadable-file` finding at its path: the rest
/// of the tree is linted all the same.
fn walk_error(error: &walk::WalkError) -> Diagnostic {
    let source = Arc::new(Source::new(files::display_path(&error.path), String::new()));
    let what = if error.path.is_dir() {
        "directory"
    } else {
        "entry"
    };
    Diagnostic::new(
        &UNREADABLE_FILE,
        Location::new(&source, Span::default()),
        format!(
            "{what} cannot be read ({}): nothing under it was linted",
            error.message
        ),
    )
}

/// One walked file's records and findings, the suppressions in it and in the files it
/// includes, the files its reader loaded, and its mentions of reporting records.
type FileRead = (
    extract::Extracted,
    Vec<suppress::FileSuppressions>,
    Vec<PathBuf>,
    Option<mentions::Mentions>,
);

/// Reads and extracts one walked file (and, with `scan`, finds its mentions); a file that
/// cannot be read is a diagnostic.
fn read_file(
    file: &walk::Candidate,
    settings: &Settings,
    named: &named_conf::NamedOrigins,
    memo: &extract::Memo,
    scan: bool,
) -> FileRead {
    let mut loaded = Vec::new();
    let overlay = settings.overlay.as_deref();
    let (source, extracted) = match files::read_text_over(&file.path, overlay, file.known) {
        Ok(text) => {
            let source = Arc::new(Source::new(file.display.clone(), text));
            let loader = files::FsLoader::new(&file.root)
                .with_memo(memo)
                .with_overlay(overlay);
            let origin = origin::configured(settings.zones.origin_for(&file.path), || {
                named.origin_for(&file.path)
            });
            let dialect = settings.dialects.dialect_for(&file.path);
            let extracted = extract::extract(file.class, &source, &loader, origin, dialect);
            loaded = loader.into_loaded();
            (source, extracted)
        }
        Err(message) => {
            let source = Arc::new(Source::new(file.display.clone(), String::new()));
            let diagnostic = Diagnostic::new(
                &UNREADABLE_FILE,
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
        .filter_map(|source| suppress::scan(file.class, source))
        .collect();
    let mentions = scan
        .then(|| mentions::in_source(&source, file.class, &extracted.records))
        .flatten();
    (extracted, suppressions, loaded, mentions)
}

/// Lints one source held in memory, read as `class`; `loader` serves its includes.
pub fn check_source(
    source: &Arc<Source>,
    class: FileClass,
    loader: &dyn extract::Loader,
    settings: &Settings,
) -> Outcome {
    let extracted = extract::extract(class, source, loader, None, None);
    let suppressions: Vec<_> = suppress::scan(class, source).into_iter().collect();
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
    let prefix = kind.labels();
    let name = match (&domain, kind) {
        (Some(d), RecordKind::Authorization) => format!("{d}{prefix}."),
        (Some(d), _) if prefix.is_empty() => d.clone(),
        (Some(d), _) => format!("{prefix}.{d}"),
        (None, RecordKind::Authorization) => format!("policy.invalid.{prefix}"),
        (None, _) => prefix.to_string(),
    };
    let len = value.len() as u32;
    Record {
        via: None,
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
            writing: Writing::Format,
        }),
    }
}

/// Groups the extracted records into the model, runs the rules over records and record
/// sets, applies the settings and the suppressions, and sorts. Records of no reporting kind
/// stay in the outcome only when a diagnostic is about them.
/// Gives each finding inside a record made or repeated elsewhere ([`Record::via`]: a
/// called Terraform module's resource, a template's loop) a label there.
fn label_makers(records: &[Record], diagnostics: &mut [Diagnostic]) {
    let made: Vec<&Record> = records.iter().filter(|r| r.via.is_some()).collect();
    if made.is_empty() {
        return;
    }
    for d in diagnostics {
        let at = &d.location;
        let mut makers = made.iter().filter_map(|r| {
            let inside = r.source.path == at.source.path
                && r.span.start <= at.span.start
                && at.span.end <= r.span.end;
            inside.then_some(r.via.as_ref()?)
        });
        if let Some(via) = makers.next() {
            // Alternatives of one choice written at one place (a conditional inside an
            // interpolation): which one the finding is about is not known here.
            let message = if makers.any(|other| other.label != via.label) {
                "the value depends on this condition, which is not known offline"
            } else {
                via.label
            };
            d.labels.push(diagnostic::Label {
                location: Location::new(&via.source, via.span),
                message: message.to_string(),
            });
        }
    }
}

pub(crate) fn finish(
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
    label_makers(&records, &mut diagnostics);
    let mail_domains = mail::domains(&model);
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
        mail_domains,
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
) -> (Vec<inventory::TlsrptPolicy>, Vec<bool>) {
    let n = model.records.len();
    let parallel = n >= PARALLEL_RECORDS
        && settings.threads != 1
        && std::thread::available_parallelism().is_ok_and(|p| p.get() > 1);
    let spread = Spread {
        helpers: usize::from(parallel),
        ahead: usize::MAX,
    };
    let chunk = |c: usize| c * RECORD_CHUNK..n.min((c + 1) * RECORD_CHUNK);
    let mut flagged = Vec::with_capacity(n);
    let checked: Result<_, Infallible> = parallel::ordered(
        n.div_ceil(RECORD_CHUNK),
        spread,
        &|c| rules::run::check_records(model, checks, chunk(c)),
        || inventory::collect(model, &settings.authorized_destinations),
        &mut |_, (mut found, chunk_flagged)| {
            out.append(&mut found);
            flagged.extend(chunk_flagged);
            Ok(())
        },
    );
    let Ok(policies) = checked;
    rules::run::check_sets(model, settings, &policies, checks, out, &mut flagged);
    (policies, flagged)
}
