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
//!   domains) and whether the domain has MTA-STS or DANE; [`mail`] which names receive mail;
//! - [`record`] parses RFC 8460 / RFC 8461 values; [`rules`] judge records;
//! - [`suppress`] applies inline `tlsrpt-lint: allow` comments and reports unused ones;
//! - [`mentions`] finds the reporting markers in every file the walk visits and reports
//!   those no record or finding accounts for (never silent);
//! - [`render`] prints [`diagnostic::Diagnostic`]s as snippets, concise lines or JSON.
//!
//! [`config`] finds and reads `tlsrpt-lint.toml` and resolves it with the command line into
//! [`Settings`].
//!
//! [`pipeline`] runs them: [`check_paths`] and [`check_value`] are the entry points. [`rule`]
//! is what a rule is (a leaf that diagnostics and extractors name), [`rules`] what each
//! checks. Imports run one way (`docs/structure.md`; `.ci/imports.py` checks it): no
//! module imports from this file, which only declares modules and re-exports the entry
//! points for the binary and the tests.
//!
//! Beside the pipeline: [`generate`] writes records in each source format (through the
//! writers beside the readers, [`extract::writing`]), and [`posture`] grades each mail
//! domain from a finished run.

pub mod config;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod files;
pub mod fix;
pub mod fuzzing;
pub mod generate;
pub mod inventory;
pub mod js_entry;
pub mod mail;
pub mod mentions;
pub mod model;
pub mod named_conf;
pub mod names;
pub mod origin;
pub mod parallel;
pub mod pipeline;
pub mod posture;
pub mod psl;
pub mod record;
pub mod report;
#[macro_use]
pub mod rule;
pub mod render;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod uri;
pub mod walk;

pub use config::Settings;
pub use error::Error;
pub use pipeline::{check_paths, check_source, check_value, value_record, Outcome};
