//! Ansible playbooks and task files: the tasks that call a DNS module.
//!
//! A file is a playbook (a list of plays, each with `hosts:` and `tasks:`, `pre_tasks:`,
//! `post_tasks:`, `handlers:`) or a task list (`roles/<role>/tasks/*.yml`, `tasks/`,
//! `handlers/`); tasks nest in `block:`, `rescue:` and `always:`. A task calls a module by
//! its fully qualified name or its short one ([`MODULES`]); its arguments are a mapping
//! (the `key=value` string form is not read: its mentions are `unread-mention`).
//! `state: absent` (or route53's `command: delete`/`get`) publishes nothing and is skipped.
//!
//! Names and values are YAML scalars ([`super::scalar`] keeps their spans); a Jinja
//! `{{ var }}` in them is folded where `var` is a literal of the play, the task, the role or
//! the inventory ([`super::ansible_vars`]), the folded text mapped to the whole `{{ }}`.
//! What stays unfolded in a value is a deploy-time placeholder
//! ([`crate::extract::placeholders`] reports it); in a name or zone it leaves the record
//! unknown: `unevaluated-value` where the task mentions a reporting name or value.
//!
//! How each module writes a TXT value (TLSRPT603 where it goes wrong):
//! - `amazon.aws.route53` passes each value to the Route 53 API, which wants zone-file
//!   quoting (`'"v=TLSRPTv1; ..."'`), as CloudFormation does ([`super::cloudformation`]).
//! - `google.cloud.gcp_dns_resource_record_set` passes `target` to Cloud DNS, which reads
//!   zone-file text: without embedded quotes a value is split at each space.
//! - `community.dns` modules take the value unquoted by default (`txt_transformation`);
//!   with `quoted` it is zone-file text.
//! - Cloudflare and Azure take the value as the text; one written as quoted strings is read
//!   as those strings.
//!
//! Ansible turns a string given for a list argument into a list at each comma, so a
//! `value: "v=TLSRPTv1; rua=mailto:a@x,mailto:b@x"` of a module whose value is a list
//! becomes two records: TLSRPT603 at the comma.

use std::sync::LazyLock;

use aho_corasick::packed;

use super::ansible_vars::{expressions, tier_of, variable, Part, Scope};
use super::cloudformation::{route53, RELEVANT};
use super::document::NodeId;
use super::{absolute, Draft, Reader};
use crate::extract::Loader;
use crate::model::{Format, Name, TxtString, Writing};
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Decoded, Span};

/// Where a module's zone is.
#[derive(Clone, Copy)]
enum Zone {
    /// An argument, or its alias.
    Arg(&'static [&'static str]),
    /// A key of a mapping argument (`managed_zone.dnsName`).
    Nested(&'static str, &'static str),
}

/// How a module names a record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Naming {
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
enum Quoting {
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
struct Module {
    names: &'static [&'static str],
    zone: Zone,
    naming: Naming,
    rtype: &'static str,
    /// The value argument and its alias.
    value: &'static [&'static str],
    /// The value argument is a list (a string given for it is split at commas).
    list: bool,
    ttl: &'static str,
    quoting: Quoting,
}

const MODULES: &[Module] = &[
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

/// Directories whose YAML files are Ansible's, whatever they hold (`vars/`: a playbook's
/// `vars_files`, and a role's variables).
const LAYOUT: &[&str] = &[
    "tasks",
    "handlers",
    "playbooks",
    "group_vars",
    "host_vars",
    "vars",
];

/// An Ansible file by where it is: under `tasks/`, `handlers/`, `playbooks/`,
/// `group_vars/`, `host_vars/`, `vars/`, or a role's `defaults/`. Such a file is never
/// read as another dialect (a `dns_records:` list of `type:` mappings in `group_vars/` is
/// data for a task, not an OctoDNS zone).
pub(crate) fn in_layout(path: &str) -> bool {
    let dirs: Vec<&str> = path.split(['/', '\\']).collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    dirs.iter().any(|d| LAYOUT.contains(d))
        || dirs
            .windows(3)
            .any(|w| w[0] == "roles" && w[2] == "defaults")
}

/// A cheap look at the bytes: a DNS module's name used as a key.
pub(crate) fn sniff(text: &str) -> bool {
    static MODULES: LazyLock<packed::Searcher> = LazyLock::new(|| {
        super::any_of(&[
            "cloudflare_dns:",
            "route53:",
            "_dns_record_set:",
            "gcp_dns_resource_record_set:",
            "azure_rm_dnsrecordset:",
        ])
    });
    MODULES.find(text).is_some()
}

/// Reads every task of the file.
pub(super) fn read(reader: &mut Reader<'_>, loader: &dyn Loader) {
    let scope = Scope::of_file(reader.source, loader);
    for document in reader.stream.documents.clone() {
        let Some(items) = reader.stream.seq(document).map(<[NodeId]>::to_vec) else {
            continue;
        };
        for item in items {
            let stream = &reader.stream;
            let is_play = ["hosts", "import_playbook", "roles"]
                .iter()
                .any(|k| stream.get(item, k).is_some());
            if !is_play {
                read_task(reader, item, &scope);
                continue;
            }
            let play = match stream.get(item, "vars") {
                Some(vars) => scope.with(tier_of(stream, vars), true),
                None => scope.clone(),
            };
            for key in ["pre_tasks", "tasks", "post_tasks", "handlers"] {
                read_tasks(reader, reader.stream.get(item, key), &play);
            }
        }
    }
}

/// The tasks of a list.
fn read_tasks(reader: &mut Reader<'_>, list: Option<NodeId>, scope: &Scope) {
    let tasks = list
        .and_then(|l| reader.stream.seq(l))
        .unwrap_or_default()
        .to_vec();
    for task in tasks {
        read_task(reader, task, scope);
    }
}

/// One task, or a block of them (nesting is bounded by the YAML layer's depth).
fn read_task(reader: &mut Reader<'_>, task: NodeId, scope: &Scope) {
    let stream = &reader.stream;
    let Some(entries) = stream.map(task) else {
        return;
    };
    let scope = match stream.get(task, "vars") {
        Some(vars) => scope.with(tier_of(stream, vars), false),
        None => scope.clone(),
    };
    if stream.get(task, "block").is_some() {
        for key in ["block", "rescue", "always"] {
            read_tasks(reader, reader.stream.get(task, key), &scope);
        }
        return;
    }
    let call = entries.iter().find_map(|&(key, args)| {
        let name = stream.scalar(key)?;
        let module = MODULES.iter().find(|m| m.names.contains(&name))?;
        stream.map(args).map(|_| (module, args))
    });
    if let Some((module, args)) = call {
        Call {
            module,
            args,
            task,
            scope: &scope,
        }
        .read(reader);
    }
}

/// A task's call of a DNS module.
struct Call<'a> {
    module: &'static Module,
    args: NodeId,
    task: NodeId,
    scope: &'a Scope,
}

impl Call<'_> {
    fn arg(&self, reader: &Reader<'_>, keys: &[&str]) -> Option<NodeId> {
        keys.iter().find_map(|k| reader.stream.get(self.args, k))
    }

    fn read(&self, reader: &mut Reader<'_>) {
        let stream = &reader.stream;
        // route53 takes `create` for `present`, and the older `command` argument.
        let state = stream.get_str(self.args, "state").unwrap_or("present");
        let command = stream.get_str(self.args, "command").unwrap_or("create");
        if !matches!(state, "present" | "create") || !matches!(command, "create" | "update") {
            return;
        }
        let Some(rtype) = self
            .arg(reader, &[self.module.rtype])
            .and_then(|t| stream.scalar(t))
            .map(str::to_ascii_uppercase)
        else {
            return;
        };
        if !matches!(rtype.as_str(), "TXT" | "SPF" | "CNAME" | "MX" | "TLSA") {
            return;
        }
        let task_span = reader.span(self.task);
        let zone = self.zone(reader);
        let Some(name) = self.name(reader, zone.as_deref()) else {
            return;
        };
        let draft = Draft {
            format: Format::Ansible,
            name,
            zone,
            rtype: rtype.clone(),
            ttl: reader.ttl(self.arg(reader, &[self.module.ttl])),
            span: task_span,
        };
        for (node, value) in self.values(reader, &rtype) {
            let draft = draft.clone();
            match rtype.as_str() {
                "CNAME" => {
                    let span = reader.span(node);
                    reader.push_cname(draft, absolute(value.text()), span);
                }
                "MX" if self.module.quoting == Quoting::Plain => {
                    let span = reader.span(node);
                    reader.push_mx(draft, absolute(value.text()), span);
                }
                "MX" => reader.push_mx_data(draft, &value),
                "TLSA" => reader.push_tlsa(draft),
                _ => self.txt(reader, draft, node, value),
            }
        }
    }

    /// The zone, absolute, when it is known.
    fn zone(&self, reader: &Reader<'_>) -> Option<String> {
        let stream = &reader.stream;
        let node = match self.module.zone {
            Zone::Nested(map, key) => stream.get(stream.get(self.args, map)?, key)?,
            Zone::Arg(keys) => self.arg(reader, keys)?,
        };
        let (zone, unknown) = fold(reader.decoded(node)?, self.scope);
        unknown.is_none().then(|| absolute(zone.text()))
    }

    /// The record's owner name, absolute where the zone is known; `None` (and TLSRPT002
    /// where the task is about reporting) when a `{{ }}` in it cannot be folded.
    fn name(&self, reader: &mut Reader<'_>, zone: Option<&str>) -> Option<Name> {
        let stream = &reader.stream;
        let (node, full) = match self.module.naming {
            Naming::Cloudflare => (self.arg(reader, &["record", "name"]), false),
            Naming::Full(key) => (stream.get(self.args, key), true),
            Naming::Prefix => match stream.get(self.args, "prefix") {
                Some(prefix) => (Some(prefix), false),
                None => (stream.get(self.args, "record"), true),
            },
            Naming::Relative => (stream.get(self.args, "relative_name"), false),
        };
        let (written, span) = match node {
            Some(node) => (reader.decoded(node)?, reader.span(node)),
            // Cloudflare's default is the apex; the others need the argument.
            None if matches!(self.module.naming, Naming::Cloudflare) => {
                (Decoded::default(), reader.span(self.args))
            }
            None => return None,
        };
        let (written, unknown) = fold(written, self.scope);
        if let Some(at) = unknown {
            let task = &reader.source.text[reader.span(self.task).range()];
            if RELEVANT.iter().any(|m| contains_ignoring_case(task, m)) {
                let shown = reader.source.text[at.range()].to_string();
                let d = reader
                    .diagnostic(
                        &UNEVALUATED_VALUE,
                        at,
                        format!("the record name needs `{shown}`, known only when the playbook runs"),
                    )
                    .with_primary_label("not folded")
                    .with_help("define the variable as a literal in the play, the role's `defaults/` or `vars/`, or `group_vars/` to have the record checked");
                reader.emit(d);
            }
            return None;
        }
        let text = match (written.text(), zone) {
            ("" | "@", Some(zone)) => zone.to_string(),
            ("" | "@", None) => "@".to_string(),
            (text, _) if full => absolute(text),
            (text, None) => text.to_string(),
            // Cloudflare appends the zone unless the name ends with it; `prefix` and
            // `relative_name` are always relative.
            (text, Some(zone)) => under(text, zone, self.module.naming == Naming::Cloudflare),
        };
        Some(Name { text, span })
    }

    /// The values the module publishes, folded, each with its node.
    fn values(&self, reader: &mut Reader<'_>, rtype: &str) -> Vec<(NodeId, Decoded)> {
        let Some(node) = self.arg(reader, self.module.value) else {
            return Vec::new();
        };
        let stream = &reader.stream;
        // A string for a list argument: Ansible splits it at commas.
        let split = self.module.list && stream.scalar(node).is_some();
        let mut nodes = stream.one_or_many(node);
        if self.module.naming == Naming::Relative {
            // Azure: `records: [{entry: ...}]`, MX as `{preference, exchange}`.
            let key = if rtype == "MX" { "exchange" } else { "entry" };
            nodes = nodes.iter().filter_map(|&r| stream.get(r, key)).collect();
        }
        let mut out = Vec::new();
        for node in nodes {
            let Some(written) = reader.decoded(node) else {
                continue;
            };
            let (value, _) = fold(written, self.scope);
            if let (true, Some(comma)) = (split, value.text().find(',')) {
                self.split_at_commas(reader, &value, comma);
            }
            out.push((node, value));
        }
        out
    }

    /// TLSRPT603: a string for a list argument, which Ansible splits at each comma.
    fn split_at_commas(&self, reader: &mut Reader<'_>, value: &Decoded, comma: usize) {
        let at = value.source_span(comma as u32..comma as u32 + 1);
        let argument = self.module.value[0];
        let d = reader
            .diagnostic(
                &PROVIDER_TXT_QUOTING,
                at,
                format!("Ansible splits a string given for the list argument `{argument}` at each comma, so this value becomes separate records"),
            )
            .with_primary_label("the value is cut here")
            .with_help(format!("write `{argument}` as a YAML list with the whole value as its one item: `{argument}: ['...']`"));
        reader.emit(d);
    }

    /// Keeps a TXT record, its value read as the module writes it.
    fn txt(&self, reader: &mut Reader<'_>, draft: Draft, node: NodeId, value: Decoded) {
        let quoted = value.text().starts_with('"');
        let zone_text = self.module.quoting == Quoting::Community
            && reader.stream.get_str(self.args, "txt_transformation") == Some("quoted");
        let (value, strings) = match self.module.quoting {
            Quoting::Route53 => match route53(reader, &value, reader.span(node)) {
                Some(read) => read,
                None => return,
            },
            Quoting::Google if !quoted && value.text().contains([' ', '\t']) => {
                let d = reader
                    .diagnostic(
                        &PROVIDER_TXT_QUOTING,
                        value.source_span(0..value.len()),
                        "the value has spaces but no embedded quotes, so Cloud DNS splits it into separate strings at each space",
                    )
                    .with_primary_label("published as one string per word")
                    .with_help("write the value inside double quotes: `'\"v=TLSRPTv1; ...\"'`");
                reader.emit(d);
                whole(value)
            }
            _ if quoted && (zone_text || self.module.quoting != Quoting::Community) => {
                match super::cloudformation::quoted_strings(&value) {
                    Ok(read) => read,
                    Err(_) => whole(value),
                }
            }
            _ => whole(value),
        };
        reader.push_txt(draft, value, Some(strings), Writing::Format);
    }
}

/// The whole value as one string.
fn whole(value: Decoded) -> (Decoded, Vec<TxtString>) {
    let strings = vec![TxtString {
        range: 0..value.len(),
        quoted: true,
    }];
    (value, strings)
}

/// `name` under `zone`; with `suffix_test`, a name that already ends with the zone is full.
fn under(name: &str, zone: &str, suffix_test: bool) -> String {
    let bare = zone.trim_end_matches('.');
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let bare_lower = bare.to_ascii_lowercase();
    if suffix_test && (lower == bare_lower || lower.ends_with(&format!(".{bare_lower}"))) {
        absolute(name)
    } else {
        format!("{}.{bare}.", name.trim_end_matches('.'))
    }
}

/// `written` with each `{{ var }}` whose variable is known replaced by its value (mapped to
/// the whole `{{ }}`), and where the first one that is not known is.
fn fold(written: Decoded, scope: &Scope) -> (Decoded, Option<Span>) {
    let text = written.text();
    if !text.contains("{{") {
        return (written, None);
    }
    let mut out = Decoded::default();
    let mut unknown = None;
    let mut at = 0u32;
    for part in expressions(text) {
        let len = match part {
            Part::Text(t) => t.len() as u32,
            Part::Expression(e) => e.len() as u32 + 4,
        };
        let range = at..at + len;
        let value = match part {
            Part::Expression(e) => variable(e).and_then(|v| scope.resolve(v)),
            Part::Text(_) => None,
        };
        match (part, value) {
            (Part::Expression(_), Some(value)) => {
                out.push_escape(&value, written.source_span(range.clone()));
            }
            (Part::Expression(_), None) => {
                unknown.get_or_insert(written.source_span(range.clone()));
                out.append_range(&written, range.clone());
            }
            (Part::Text(_), _) => out.append_range(&written, range.clone()),
        }
        at = range.end;
    }
    (out, unknown)
}

/// Whether `text` holds `lower` (ASCII lower case) in any case, without copying `text`.
fn contains_ignoring_case(text: &str, lower: &str) -> bool {
    text.as_bytes()
        .windows(lower.len())
        .any(|w| w.eq_ignore_ascii_case(lower.as_bytes()))
}

#[cfg(test)]
#[path = "ansible_tests.rs"]
mod tests;
