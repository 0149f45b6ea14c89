//! Extractors: one module per source format, each turning source text into [`Record`]s.
//!
//! Extractors never judge TLS-RPT; they report only what the format itself gets wrong
//! (`source-syntax-error`, `unreadable-file`, `unevaluated-value`) and hand every record a
//! rule may read to the model. They do no I/O of their own: a [`Loader`] fetches included
//! files, so the caller decides what may be read.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Format, Record};
use crate::text::Source;

pub mod companions;
pub mod dnscontrol;
pub mod mta_sts_policy;
pub mod terraform;
pub mod yaml;
pub mod zone;

/// What one extractor run produced.
#[derive(Debug, Default)]
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
}

/// Extracts the records of `source`, read as `format`; `origin` is the zone the settings
/// name for the file, if any.
pub fn extract(
    format: Format,
    source: &Arc<Source>,
    loader: &dyn Loader,
    origin: Option<&str>,
) -> Extracted {
    match format {
        Format::Zone => zone::extract(source, loader, origin),
        Format::MtaStsPolicy => mta_sts_policy::extract(source, origin),
        Format::Yaml => yaml::extract(source, loader, origin),
        Format::Terraform => terraform::extract(source, loader, origin),
        Format::DnsControl => dnscontrol::extract(source, loader),
        Format::Value | Format::OctoDns | Format::CloudFormation | Format::ExternalDns => {
            Extracted::default()
        }
    }
}
