//! The formats `generate` writes, one per reader: `--format` names them, and each runs the
//! writer beside its reader. Terraform has one per provider of its reader's resource table
//! (the first resource type of each that can hold TXT), so a provider added there can be
//! generated for too.

use crate::extract::writing::{label, ZoneRecords};
use crate::extract::{dnscontrol, terraform, yaml, zone};
use crate::model::Format;

/// A source format `generate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    Zone,
    OctoDns,
    DnsControl,
    /// The Terraform resource type written.
    Terraform(&'static str),
    CloudFormation,
    ExternalDns,
}

impl Writer {
    /// Every writer, in the order of `--help`.
    pub fn all() -> Vec<Writer> {
        let mut all = vec![Writer::Zone, Writer::OctoDns, Writer::DnsControl];
        all.extend(terraform::writable_types().map(Writer::Terraform));
        all.extend([Writer::CloudFormation, Writer::ExternalDns]);
        all
    }

    /// The `--format` name: the reader's format, and for Terraform the provider's local
    /// name (what its resource types start with, as Terraform itself reads them).
    pub fn name(self) -> String {
        match self {
            Writer::Terraform(rtype) => format!("terraform-{}", terraform::provider_of(rtype)),
            other => other.format().as_str().to_string(),
        }
    }

    /// The writer of `name`, if any.
    pub fn named(name: &str) -> Option<Writer> {
        Writer::all().into_iter().find(|w| w.name() == name)
    }

    /// The format its reader gives the records.
    pub fn format(self) -> Format {
        match self {
            Writer::Zone => Format::Zone,
            Writer::OctoDns => Format::OctoDns,
            Writer::DnsControl => Format::DnsControl,
            Writer::Terraform(_) => Format::Terraform,
            Writer::CloudFormation => Format::CloudFormation,
            Writer::ExternalDns => Format::ExternalDns,
        }
    }

    /// The name of the file the records of `zone` go in, as the reader finds it.
    pub fn file_name(self, zone: &str) -> String {
        match self {
            Writer::Zone => format!("{zone}.zone"),
            Writer::OctoDns => format!("{zone}.yaml"),
            Writer::DnsControl => "dnsconfig.js".to_string(),
            Writer::Terraform(_) => format!("{}.tf", label(zone)),
            Writer::CloudFormation => format!("{}.cfn.yaml", label(zone)),
            Writer::ExternalDns => format!("{}.dnsendpoint.yaml", label(zone)),
        }
    }

    /// The file's text.
    pub fn write(self, zone: &ZoneRecords) -> String {
        match self {
            Writer::Zone => zone::writer::write(zone),
            Writer::OctoDns => yaml::writers::octodns(zone),
            Writer::DnsControl => dnscontrol::writer::write(zone),
            Writer::Terraform(rtype) => terraform::writer::write(rtype, zone),
            Writer::CloudFormation => yaml::writers::cloudformation(zone),
            Writer::ExternalDns => yaml::writers::external_dns(zone),
        }
    }
}
