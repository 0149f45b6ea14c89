//! The Ansible DNS modules the reader knows: their names (fully qualified and short), where
//! each keeps the zone, the record's name, type, value and TTL, and how it writes a TXT
//! value (the quoting that TLSRPT603 checks). One table, so a new module is one entry.

/// Where a module's zone is.
#[derive(Clone, Copy)]
pub(super) enum Zone {
    /// An argument, or its alias.
    Arg(&'static [&'static str]),
    /// A key of a mapping argument (`managed_zone.dnsName`).
    Nested(&'static str, &'static str),
}

/// How a module names a record.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    /// `record` (alias `name`), `@` by default: relative to the zone unless it ends with it.
    Cloudflare,
    /// A full name in this argument.
    Full(&'static str),
    /// `prefix` relative to the zone (empty for the apex), or `record` in full.
    Prefix,
    /// `relative_name`, `@` for the apex.
    Relative,
}

/// How a module's TXT value becomes character-strings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    /// The value is the text (quoted strings, when written so, are read as such).
    Plain,
    /// Zone-file quoting, required (Route 53).
    Route53,
    /// Zone-file text: a value with spaces and no quotes is split (Cloud DNS).
    Google,
    /// `community.dns`: plain unless `txt_transformation: quoted`.
    Community,
}

/// A DNS module: its names and where its arguments are.
pub(super) struct Module {
    pub(super) names: &'static [&'static str],
    pub(super) zone: Zone,
    pub(super) naming: Naming,
    pub(super) rtype: &'static str,
    /// The value argument and its alias.
    pub(super) value: &'static [&'static str],
    /// The value argument is a list (a string given for it is split at commas).
    pub(super) list: bool,
    pub(super) ttl: &'static str,
    pub(super) quoting: Quoting,
}

pub(super) const MODULES: &[Module] = &[
    Module {
        names: &["community.general.cloudflare_dns", "cloudflare_dns"],
        zone: Zone::Arg(&["zone", "domain"]),
        naming: Naming::Cloudflare,
        rtype: "type",
        value: &["value", "content"],
        list: false,
        ttl: "ttl",
        quoting: Quoting::Plain,
    },
    Module {
        names: &["amazon.aws.route53", "community.aws.route53", "route53"],
        zone: Zone::Arg(&["zone"]),
        naming: Naming::Full("record"),
        rtype: "type",
        value: &["value", "values"],
        list: true,
        ttl: "ttl",
        quoting: Quoting::Route53,
    },
    Module {
        names: &[
            "community.dns.hetzner_dns_record_set",
            "hetzner_dns_record_set",
            "community.dns.hosttech_dns_record_set",
            "hosttech_dns_record_set",
        ],
        zone: Zone::Arg(&["zone_name", "zone"]),
        naming: Naming::Prefix,
        rtype: "type",
        value: &["value"],
        list: true,
        ttl: "ttl",
        quoting: Quoting::Community,
    },
    Module {
        names: &[
            "google.cloud.gcp_dns_resource_record_set",
            "gcp_dns_resource_record_set",
        ],
        zone: Zone::Nested("managed_zone", "dnsName"),
        naming: Naming::Full("name"),
        rtype: "type",
        value: &["target"],
        list: true,
        ttl: "ttl",
        quoting: Quoting::Google,
    },
    Module {
        names: &[
            "azure.azcollection.azure_rm_dnsrecordset",
            "azure_rm_dnsrecordset",
        ],
        zone: Zone::Arg(&["zone_name"]),
        naming: Naming::Relative,
        rtype: "record_type",
        value: &["records"],
        list: true,
        ttl: "time_to_live",
        quoting: Quoting::Plain,
    },
];
