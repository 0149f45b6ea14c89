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
//! the inventory ([`super::ansible_vars`]), the folded text mapped to the whole `{{ }}`; a
//! task that loops over a literal list is read once per item, `{{ item.* }}` folded to the
//! item's bytes, wherever the list is written ([`super::ansible_loop`]).
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

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use aho_corasick::packed;

use modules::{Module, Naming, Quoting, Zone, MODULES};

use super::ansible_loop::{of_task, Facts, Item, Loop, MAX_FILE_ITEMS};
use super::ansible_vars::{tier_of, Scope};
use super::cloudformation::{route53, RELEVANT};
use super::document::NodeId;
use super::{absolute, Draft, Reader};
use crate::diagnostic::Location;
use crate::extract::Loader;
use crate::model::{Format, Name, TxtString, Via, Writing};
use crate::names::contains_ignore_case;
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Decoded, Source, Span};

mod fold;
mod modules;

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
    let mut walk = Walk {
        facts: Facts::default(),
        items_left: MAX_FILE_ITEMS,
    };
    for document in reader.stream.documents.clone() {
        let Some(items) = reader.stream.seq(document).map(<[NodeId]>::to_vec) else {
            continue;
        };
        // The facts of a task file's tasks (a play includes them) hold for its document.
        walk.facts = Facts::default();
        for item in items {
            let stream = &reader.stream;
            let is_play = ["hosts", "import_playbook", "roles"]
                .iter()
                .any(|k| stream.get(item, k).is_some());
            if !is_play {
                read_task(reader, item, &scope, &mut walk, false);
                continue;
            }
            let play = match stream.get(item, "vars") {
                Some(vars) => scope.with(Arc::new(tier_of(reader.source, stream, vars)), true),
                None => scope.clone(),
            };
            let outer = std::mem::take(&mut walk.facts);
            for key in ["pre_tasks", "tasks", "post_tasks", "handlers"] {
                let list = reader.stream.get(item, key);
                read_tasks(reader, list, &play, &mut walk, false);
            }
            walk.facts = outer;
        }
    }
}

/// The tasks of a list; `conditional` when a block around them has `when:`.
fn read_tasks(
    reader: &mut Reader<'_>,
    list: Option<NodeId>,
    scope: &Scope,
    walk: &mut Walk,
    conditional: bool,
) {
    let tasks = list
        .and_then(|l| reader.stream.seq(l))
        .unwrap_or_default()
        .to_vec();
    for task in tasks {
        read_task(reader, task, scope, walk, conditional);
    }
}

/// One task, or a block of them (nesting is bounded by the YAML layer's depth).
fn read_task(
    reader: &mut Reader<'_>,
    task: NodeId,
    scope: &Scope,
    walk: &mut Walk,
    conditional: bool,
) {
    let stream = &reader.stream;
    let Some(entries) = stream.map(task) else {
        return;
    };
    let scope = match stream.get(task, "vars") {
        Some(vars) => scope.with(Arc::new(tier_of(reader.source, stream, vars)), false),
        None => scope.clone(),
    };
    if stream.get(task, "block").is_some() {
        let conditional = conditional || stream.get(task, "when").is_some();
        for key in ["block", "rescue", "always"] {
            let list = reader.stream.get(task, key);
            read_tasks(reader, list, &scope, walk, conditional);
        }
        return;
    }
    if walk.facts.read(reader, task, conditional) {
        return;
    }
    let call = entries.iter().find_map(|&(key, args)| {
        let name = stream.scalar(key)?;
        let module = MODULES.iter().find(|m| m.names.contains(&name))?;
        stream.map(args).map(|_| (module, args))
    });
    let Some((module, args)) = call else {
        return;
    };
    let scope = walk.facts.over(&scope);
    let call = |item| Call {
        module,
        args,
        task,
        scope: &scope,
        item,
    };
    let Some(found) = of_task(reader, task, &scope) else {
        return call(None).read(reader);
    };
    // A list not of the keyword's shape, too long, or past the file's budget: not known.
    let items = found.items().filter(|items| items.len() <= walk.items_left);
    let Some(items) = items else {
        return call(None).read(reader);
    };
    walk.items_left -= items.len();
    let (records, diagnostics) = (reader.out.records.len(), reader.out.diagnostics.len());
    for item in items {
        call(Some((&found, item))).read(reader);
    }
    once_each(reader, records, diagnostics);
}

/// What reading a file's tasks carries from one task to the next.
struct Walk {
    /// What `set_fact` set so far in the play (or the task file).
    facts: Facts,
    /// How many more loop items the file's tasks may be read for.
    items_left: usize,
}

/// Drops the records and findings a loop made more than once (an item the task does not
/// use, or a finding about the task's own text): Ansible writes such a record once.
fn once_each(reader: &mut Reader<'_>, records: usize, diagnostics: usize) {
    let mut seen = HashSet::new();
    let mut index = 0;
    reader.out.records.retain(|r| {
        index += 1;
        index <= records
            || seen.insert((
                r.source.path.clone(),
                r.span,
                r.name.text.clone(),
                r.value_span(),
            ))
    });
    let mut seen = HashSet::new();
    let mut index = 0;
    reader.out.diagnostics.retain(|d| {
        index += 1;
        index <= diagnostics
            || seen.insert((
                d.rule.code,
                d.location.source.path.clone(),
                d.location.span,
                d.message.clone(),
            ))
    });
}

/// A task's call of a DNS module, for one item where it loops over known ones.
struct Call<'a> {
    module: &'static Module,
    args: NodeId,
    task: NodeId,
    scope: &'a Scope,
    item: Option<(&'a Loop, Item<'a>)>,
}

/// A value or name folded: the text, where the first `{{ }}` not known is, and the file of
/// the loop item it is when it is one item's scalar whole (its bytes are there).
struct Folded {
    value: Decoded,
    unknown: Option<Span>,
    whole_item: Option<Arc<Source>>,
}

/// Bytes in another file than the task's: a name that is a loop item's scalar there.
type Elsewhere = (Arc<Source>, Span);

/// A value the module publishes, where it is written: in the task's file (`file` is
/// `None`) or in the file of the loop item it is.
struct Value {
    span: Span,
    decoded: Decoded,
    file: Option<Arc<Source>>,
    /// A string for a list argument, which Ansible splits at commas.
    split: bool,
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
        let Some((name, name_file)) = self.name(reader, zone.as_deref()) else {
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
        for value in self.values(reader, &rtype) {
            let (records, diagnostics) = (reader.out.records.len(), reader.out.diagnostics.len());
            let draft = draft.clone();
            let Value {
                span,
                decoded,
                file,
                split,
            } = value;
            if let (true, Some(comma)) = (split, decoded.text().find(',')) {
                self.split_at_commas(reader, &decoded, comma);
            }
            match rtype.as_str() {
                "CNAME" => reader.push_cname(draft, absolute(decoded.text()), span),
                "MX" if self.module.quoting == Quoting::Plain => {
                    reader.push_mx(draft, absolute(decoded.text()), span)
                }
                "MX" => reader.push_mx_data(draft, &decoded),
                "TLSA" => reader.push_tlsa(draft),
                _ => self.txt(reader, draft, span, decoded),
            }
            if let Some(file) = &file {
                self.relocate(reader, (records, diagnostics), file, name_file.as_ref());
            }
        }
    }

    /// Moves what was just read from a value written in another file (a loop's list in
    /// `group_vars/`) there: the records, at the item, and the findings about the value.
    /// The name stays located where it is written when that is the same file, and the loop
    /// is the record's maker.
    fn relocate(
        &self,
        reader: &mut Reader<'_>,
        (records, diagnostics): (usize, usize),
        file: &Arc<Source>,
        name: Option<&Elsewhere>,
    ) {
        let Some((found, item)) = self.item else {
            return;
        };
        let at = item.span();
        let via = Via {
            source: Arc::clone(reader.source),
            span: found.at,
            label: "this loop makes a record of each item",
            alternative: None,
        };
        for record in &mut reader.out.records[records..] {
            record.source = Arc::clone(file);
            record.span = at;
            record.ttl_span = Span::at(at.start);
            record.name.span = match name {
                Some((source, span)) if source.path == file.path => *span,
                _ => Span::at(at.start),
            };
            record.via = Some(via.clone());
        }
        for d in &mut reader.out.diagnostics[diagnostics..] {
            d.location = Location::new(file, d.location.span);
        }
    }

    /// The zone, absolute, when it is known.
    fn zone(&self, reader: &Reader<'_>) -> Option<String> {
        let stream = &reader.stream;
        let node = match self.module.zone {
            Zone::Nested(map, key) => stream.get(stream.get(self.args, map)?, key)?,
            Zone::Arg(keys) => self.arg(reader, keys)?,
        };
        let zone = self.fold(reader.source, reader.decoded(node)?);
        zone.unknown.is_none().then(|| absolute(zone.value.text()))
    }

    /// The record's owner name, absolute where the zone is known, and the file and bytes of
    /// the loop item it is, if it is one in another file; `None` (and TLSRPT002 where the
    /// task is about reporting) when a `{{ }}` in it cannot be folded.
    fn name(
        &self,
        reader: &mut Reader<'_>,
        zone: Option<&str>,
    ) -> Option<(Name, Option<Elsewhere>)> {
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
        let Folded {
            value: written,
            unknown,
            whole_item,
        } = self.fold(reader.source, written);
        // A name that is an item's scalar is located there.
        let (span, file) = match whole_item {
            Some(file) => {
                let at = written.source_span(0..written.len());
                match file.path == reader.source.path {
                    true => (at, None),
                    false => (span, Some((file, at))),
                }
            }
            None => (span, None),
        };
        if let Some(at) = unknown {
            let task = &reader.source.text[reader.span(self.task).range()];
            if RELEVANT.iter().any(|m| contains_ignore_case(task, m)) {
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
        Some((Name { text, span }, file))
    }

    /// The values the module publishes, folded, each where it is written.
    fn values(&self, reader: &Reader<'_>, rtype: &str) -> Vec<Value> {
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
            let folded = self.fold(reader.source, written);
            let file = folded
                .whole_item
                .filter(|file| file.path != reader.source.path);
            let span = match file {
                Some(_) => folded.value.source_span(0..folded.value.len()),
                None => reader.span(node),
            };
            out.push(Value {
                span,
                decoded: folded.value,
                file,
                split,
            });
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

    /// Keeps a TXT record, its value read as the module writes it (written at `span`).
    fn txt(&self, reader: &mut Reader<'_>, draft: Draft, span: Span, value: Decoded) {
        let quoted = value.text().starts_with('"');
        let zone_text = self.module.quoting == Quoting::Community
            && reader.stream.get_str(self.args, "txt_transformation") == Some("quoted");
        let (value, strings) = match self.module.quoting {
            Quoting::Route53 => match route53(reader, &value, span) {
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

#[cfg(test)]
mod tests;
