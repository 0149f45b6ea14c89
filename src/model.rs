//! DNS records as the extractors hand them over, whatever format they came from.
//!
//! A [`Record`] knows its owner name (absolute, with a trailing dot, when the zone is known),
//! type, TTL, value and exact source location. Rules read records, never source formats.
//!
//! [`Model`] groups every record of a run by owner name, whatever file or format it came
//! from, so the record-set rules (3xx) see all records at one name and can look up others
//! (a CNAME's target). It is one hash map over record indices: building it and every lookup
//! are linear in the records, so a repository of 10,000 zones costs ten times one of 1,000.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

pub use crate::names::RecordKind;
use crate::names::{dane_name, is_dane_owner, is_tlsrpt_value, meant_policy_name, misspelt_prefix};
use crate::text::{Decoded, Source, Span};

/// The DNS record a diagnostic is about, for the JSON output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRef {
    pub name: String,
    pub rtype: String,
}

/// The source format a record was read from (the JSON `format` key); which reader a walked
/// file goes to is its [`crate::extract::FileClass`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A BIND / RFC 1035 master file.
    Zone,
    /// A value given to `tlsrpt-lint validate`.
    Value,
    /// An RFC 8461 §3.2 policy file, `.well-known/mta-sts.txt`.
    MtaStsPolicy,
    /// An OctoDNS YamlProvider zone file.
    OctoDns,
    /// An AWS CloudFormation template (YAML or JSON).
    CloudFormation,
    /// A Kubernetes external-dns `DNSEndpoint` manifest.
    ExternalDns,
    /// A Pulumi YAML program (`Pulumi.yaml`).
    Pulumi,
    /// An Azure Resource Manager template (JSON).
    Arm,
    /// Terraform: `*.tf`, `*.tf.json`, `*.tfvars`.
    Terraform,
    /// A dnscontrol `dnsconfig.js` and the files it `require`s.
    DnsControl,
    /// Ansible tasks (playbooks and roles) calling a DNS module.
    Ansible,
    /// A Nix file: `dns.nix` zones, NixOS record sets.
    Nix,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Zone => "zone",
            Format::Value => "value",
            Format::MtaStsPolicy => "mta-sts-policy",
            Format::OctoDns => "octodns",
            Format::CloudFormation => "cloudformation",
            Format::ExternalDns => "external-dns",
            Format::Pulumi => "pulumi",
            Format::Arm => "arm",
            Format::Terraform => "terraform",
            Format::DnsControl => "dnscontrol",
            Format::Ansible => "ansible",
            Format::Nix => "nix",
        }
    }
}

/// An owner name as the record states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Absolute with a trailing dot when the zone is known, else relative as written.
    pub text: String,
    /// Where the name is written (an empty span where it is inherited, e.g. a blank owner).
    pub span: Span,
}

/// One character-string of a TXT record, as a range of the record's decoded value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtString {
    pub range: Range<u32>,
    /// Written in quotes (zone files); unquoted strings end at spaces and `;`.
    pub quoted: bool,
}

/// A TXT value: the character-strings concatenated without spaces (RFC 8460 §3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Txt {
    pub value: Decoded,
    pub strings: Vec<TxtString>,
    /// A `;` comment that began right after an unquoted string and so cut the value short.
    pub cut_by_comment: Option<Span>,
    /// How a fix writes decoded text back into this value's source.
    pub writing: Writing,
}

/// How a fix writes decoded text back into a TXT value's source (`rules::source_edits`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// In the syntax of the record's format.
    Format,
    /// In the format's syntax, with every `;` written as this: OctoDNS's `\;` (`\\;` in a
    /// double-quoted YAML scalar).
    Semicolon(&'static str),
    /// Not at all: the value is written in a form that cannot be edited in place (the
    /// RFC 3597 `\#` hex form, whose length a fix would have to recount).
    Never,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    Txt(Txt),
    Cname {
        target: String,
        span: Span,
    },
    /// An MX record's exchange host, absolute when the zone is known.
    Mx {
        exchange: String,
        span: Span,
    },
    /// A TLSA record whose data the reader reads (zone files), in the form of
    /// [`crate::record::tlsa::normalize`]: `3 1 1 0c72…`. Other readers keep TLSA records
    /// as [`RData::Other`]: their data is not known.
    Tlsa {
        data: String,
    },
    /// A `.well-known/mta-sts.txt` policy file: not a DNS record, but listed and judged
    /// like one.
    StsPolicy(StsPolicyFile),
    /// A type no rule reads the data of.
    Other,
}

/// An RFC 8461 §3.2 policy file split into `key: value` lines. Every range is a byte range
/// of the file; the file is its own value, so nothing needs decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StsPolicyFile {
    /// A UTF-8 byte order mark at the start, outside every line.
    pub bom: Option<Range<u32>>,
    pub lines: Vec<StsPolicyLine>,
}

/// One line of a policy file. Splitting never fails: a line without `:` is all key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StsPolicyLine {
    /// The line without its line end.
    pub range: Range<u32>,
    pub end: LineEnd,
    /// `WSP` before the key (the grammar allows none).
    pub leading_ws: Range<u32>,
    /// Up to the first `:`, or the whole line, without `WSP` at its end.
    pub key: Range<u32>,
    pub colon: Option<Range<u32>>,
    /// After `:` and the `WSP` after it, without `WSP` at its end; empty at the end of the
    /// key when there is no `:`.
    pub value: Range<u32>,
}

impl StsPolicyLine {
    /// A line of nothing but `WSP`.
    pub fn is_blank(&self) -> bool {
        self.key.is_empty() && self.colon.is_none()
    }
}

/// How a policy line ends (`sts-policy-term = LF / CRLF`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
    /// A CR not followed by LF: not a line end in the grammar, but read as one.
    Cr,
    /// The last line, without a line end.
    None,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub source: Arc<Source>,
    pub format: Format,
    pub name: Name,
    /// The zone origin, absolute with a trailing dot, when known.
    pub zone: Option<String>,
    /// The type as written in upper case: `TXT`, `CNAME`, ...
    pub rtype: String,
    pub ttl: Option<u32>,
    /// Where the TTL is written; empty, at the record's start, where it is inherited (from
    /// `$TTL` or an earlier record).
    pub ttl_span: Span,
    /// The whole record in its source.
    pub span: Span,
    pub data: RData,
    /// What made the record, when that is not where it is written (the resource of a
    /// called Terraform module whose instance made a record of a call's argument), or what
    /// repeats it (the `{% for %}` of a zone template). Findings about the record show it as
    /// a secondary label.
    pub via: Option<Via>,
}

/// Where a record was made or repeated, and the label findings about it show there.
#[derive(Clone, Debug)]
pub struct Via {
    pub source: Arc<Source>,
    pub span: Span,
    pub label: &'static str,
    /// Set where the record is one of the values a choice the linter cannot make offline
    /// may publish (a Terraform conditional whose condition is unknown): only one of them
    /// is ever published.
    pub alternative: Option<Alternative>,
}

/// One of `count` values of which only one is published: the branches of one choice,
/// at `via`'s span (its condition). Records of one choice with different `index`es never
/// coexist in DNS, so the rules that count records count them as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alternative {
    /// Where the choice is made (the whole conditional), in `via`'s source.
    pub choice: Span,
    pub index: u16,
    pub count: u16,
}

impl Record {
    /// Whether this record and `other` are different alternatives of one choice, so never
    /// published together.
    pub fn excludes(&self, other: &Record) -> bool {
        let (Some(a), Some(b)) = (&self.via, &other.via) else {
            return false;
        };
        match (a.alternative, b.alternative) {
            (Some(x), Some(y)) => {
                x.choice == y.choice && x.index != y.index && a.source.path == b.source.path
            }
            _ => false,
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self.data {
            RData::StsPolicy(_) => RecordKind::MtaSts,
            _ => RecordKind::of_name(&self.name.text),
        }
    }

    pub fn sts_policy(&self) -> Option<&StsPolicyFile> {
        match &self.data {
            RData::StsPolicy(policy) => Some(policy),
            _ => None,
        }
    }

    pub fn txt(&self) -> Option<&Txt> {
        match &self.data {
            RData::Txt(txt) => Some(txt),
            _ => None,
        }
    }

    /// The span of the whole value (every string, quotes included), or the record's span.
    pub fn value_span(&self) -> Span {
        match &self.data {
            RData::Txt(txt) if !txt.value.is_empty() => txt.value.source_span(0..txt.value.len()),
            RData::Cname { span, .. } => *span,
            _ => self.span,
        }
    }

    pub fn reference(&self) -> RecordRef {
        RecordRef {
            name: self.name.text.clone(),
            rtype: self.rtype.clone(),
        }
    }
}

/// The lookup key of an owner name: ASCII lowercase, as DNS compares names (RFC 4343).
/// Extractors already decode escapes (`\095` is `_`) and end absolute names with a dot. A
/// relative name (no zone known) is only the same name within its own file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    name: String,
    file: Option<String>,
}

impl Key {
    fn new(name: &str, source: &Source) -> Key {
        let name = name.to_ascii_lowercase();
        let file = (!name.ends_with('.')).then(|| source.path.clone());
        Key { name, file }
    }
}

/// All records at one owner name: an RRset per type, as a resolver would see them together.
#[derive(Debug)]
pub struct RecordSet {
    /// Indices into [`Model::records`], in input order.
    pub records: Vec<usize>,
    /// The kind of the name, or [`RecordKind::Policy`] where a CNAME chain from a policy
    /// name ends here (the policy is delegated to this name).
    pub kind: RecordKind,
    /// The first CNAME record at this name.
    pub cname: Option<usize>,
    /// Where the CNAME chain from a policy name leads (`None` for other names, and for
    /// policy names without a CNAME).
    pub chain: Option<Chain>,
}

/// Where a CNAME chain from a policy name leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chain {
    /// The chain ends at this set, which holds no CNAME.
    Ends(usize),
    /// The last target is not among the records read: `(target, zone known)`. A known zone
    /// means the repository defines the zone but publishes nothing there that a rule reads.
    Leaves { target: String, zone_known: bool },
    /// The chain comes back to a name it passed, or runs past [`MAX_CHAIN`] names.
    Loops,
}

/// The longest CNAME chain followed; a longer one is reported as a loop (resolvers give up
/// on long chains too).
pub const MAX_CHAIN: usize = 16;

/// Every record of a run, grouped by owner name.
#[derive(Debug)]
pub struct Model<'r> {
    pub records: &'r [Record],
    pub sets: Vec<RecordSet>,
    /// The set of each record.
    set_of: Vec<usize>,
    by_name: HashMap<Key, usize>,
    /// Every zone origin a record was read in (lowercase, trailing dot).
    zones: HashSet<String>,
    /// Every name at or above the host of a `_25._tcp.<host>` TLSA record, or of a CNAME
    /// chain that ends at one (lowercase, trailing dot): where a domain has DANE for a mail
    /// host under it.
    dane_above: HashSet<String>,
    /// The policy names meant by TLS-RPT policies published at other names
    /// (`_smpt._tls.example.com.` → `_smtp._tls.example.com.`), keyed like `by_name`.
    misplaced: HashSet<Key>,
}

impl<'r> Model<'r> {
    /// Groups `records`, which come in output order (path, then offset): each set keeps
    /// that order, so "the first record at a name" is stable and a set can be searched.
    pub fn new(records: &'r [Record]) -> Model<'r> {
        let mut by_name: HashMap<Key, usize> = HashMap::with_capacity(records.len());
        let mut sets: Vec<RecordSet> = Vec::new();
        let mut set_of = Vec::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let key = Key::new(&record.name.text, &record.source);
            let set = *by_name.entry(key).or_insert_with(|| {
                sets.push(RecordSet {
                    records: Vec::new(),
                    kind: record.kind(),
                    cname: None,
                    chain: None,
                });
                sets.len() - 1
            });
            let set_ref = &mut sets[set];
            set_ref.records.push(i);
            if matches!(record.data, RData::Cname { .. }) {
                set_ref.cname.get_or_insert(i);
            }
            set_of.push(set);
        }
        let zones = records
            .iter()
            .filter_map(|r| r.zone.as_deref().map(str::to_ascii_lowercase))
            .collect();
        let mut model = Model {
            records,
            sets,
            set_of,
            by_name,
            zones,
            dane_above: HashSet::new(),
            misplaced: HashSet::new(),
        };
        model.dane_above = model.dane_hosts_and_above();
        model.misplaced = model.misplaced_policies();
        model.follow_policy_cnames();
        model
    }

    /// Every name at or above a mail host with DANE: a `_25._tcp.<host>` name that holds a
    /// TLSA record, or a CNAME chain in the repository that ends at one (a shared TLSA set
    /// such as `_25._tcp.mx` -> `_ourca-le-tlsa`).
    fn dane_hosts_and_above(&self) -> HashSet<String> {
        let mut above = HashSet::new();
        for (index, set) in self.sets.iter().enumerate() {
            let name = &self.records[set.records[0]].name.text;
            if !is_dane_owner(name) || !self.holds_tlsa(index) {
                continue;
            }
            let host = name[9..].to_ascii_lowercase();
            above.extend(suffixes(&host).map(str::to_string));
        }
        above
    }

    /// The policy name each TLS-RPT policy at another name stands for (what
    /// `policy-at-wrong-name` proposes), so a domain whose policy is only misplaced is not
    /// also a domain without one.
    fn misplaced_policies(&self) -> HashSet<Key> {
        let misplaced = self
            .sets
            .iter()
            .filter(|set| !matches!(set.kind, RecordKind::Policy | RecordKind::Authorization));
        misplaced
            .flat_map(|set| self.records_of(set))
            .filter(|r| {
                r.format != Format::Value
                    && r.txt().is_some_and(|t| is_tlsrpt_value(t.value.text()))
            })
            .map(|r| {
                let prefix = misspelt_prefix(&r.name.text, r.zone.is_none());
                Key::new(&meant_policy_name(&r.name.text, prefix), &r.source)
            })
            .collect()
    }

    /// Whether a TLS-RPT policy published at another name stands for the policy name `name`.
    pub fn has_misplaced_policy(&self, name: &str, from: &Source) -> bool {
        self.misplaced.contains(&Key::new(name, from))
    }

    /// Whether the set `index` holds a TLSA record, itself or at the end of its CNAME chain.
    fn holds_tlsa(&self, index: usize) -> bool {
        self.tlsa_of_set(index).next().is_some()
    }

    /// The TLSA records of the set `index`, or of the set at the end of its CNAME chain.
    fn tlsa_of_set(&self, index: usize) -> impl Iterator<Item = &'r Record> + '_ {
        let end = match self.chain_from(index) {
            None => Some(index),
            Some(Chain::Ends(end)) => Some(end),
            Some(Chain::Leaves { .. } | Chain::Loops) => None,
        };
        end.into_iter()
            .flat_map(|end| self.records_of(&self.sets[end]))
            .filter(|r| r.rtype == "TLSA")
    }

    /// The `_25._tcp` TLSA records of `host` (as written in `from`): there, or at the end
    /// of a CNAME chain from there.
    pub fn dane_records(&self, host: &str, from: &Source) -> Vec<&'r Record> {
        self.lookup(&dane_name(host), from)
            .map(|set| self.tlsa_of_set(set).collect())
            .unwrap_or_default()
    }

    /// The set a record belongs to.
    pub fn set_of(&self, record: usize) -> &RecordSet {
        &self.sets[self.set_of[record]]
    }

    /// The records of a set.
    pub fn records_of<'m>(&'m self, set: &'m RecordSet) -> impl Iterator<Item = &'r Record> + 'm {
        set.records.iter().map(|&i| &self.records[i])
    }

    /// The set at `name` as written in `from`'s file (absolute, or relative to nothing).
    pub fn lookup(&self, name: &str, from: &Source) -> Option<usize> {
        self.by_name.get(&Key::new(name, from)).copied()
    }

    /// The first CNAME of a set.
    pub fn cname(&self, set: &RecordSet) -> Option<(&'r Record, &'r str)> {
        let record = &self.records[set.cname?];
        match &record.data {
            RData::Cname { target, .. } => Some((record, target.as_str())),
            _ => None,
        }
    }

    /// Follows the CNAME of every policy name; a name at the end of a chain that names
    /// nothing else becomes a (delegated) policy name. Each chain is at most [`MAX_CHAIN`]
    /// long, so this stays linear.
    fn follow_policy_cnames(&mut self) {
        for start in 0..self.sets.len() {
            if self.sets[start].kind != RecordKind::Policy {
                continue;
            }
            let Some(chain) = self.chain_from(start) else {
                continue;
            };
            if let Chain::Ends(end) = chain {
                if self.sets[end].kind == RecordKind::Other {
                    self.sets[end].kind = RecordKind::Policy;
                }
            }
            self.sets[start].chain = Some(chain);
        }
    }

    /// Whether the repository defines the zone `name` (absolute) is in: some record (its SOA,
    /// or any record kept) was read with `name` or a name above it as its zone origin.
    pub fn defines_zone_of(&self, name: &str) -> bool {
        suffixes(&name.to_ascii_lowercase()).any(|s| self.zones.contains(s))
    }

    /// Whether a `_25._tcp.<host>` TLSA record is in the repository for `host` (as written
    /// in `from`), there or at the end of a CNAME chain from there, or, with `under`, for
    /// any host at or below it.
    pub fn has_dane(&self, host: &str, from: &Source, under: bool) -> bool {
        if under {
            return self.dane_above.contains(&host.to_ascii_lowercase());
        }
        self.lookup(&dane_name(host), from)
            .is_some_and(|set| self.holds_tlsa(set))
    }

    fn chain_from(&self, start: usize) -> Option<Chain> {
        let mut seen = vec![start];
        let (mut record, mut target) = self.cname(&self.sets[start])?;
        loop {
            let Some(next) = self.lookup(target, &record.source) else {
                return Some(Chain::Leaves {
                    target: target.to_string(),
                    zone_known: self.defines_zone_of(target),
                });
            };
            if seen.contains(&next) || seen.len() > MAX_CHAIN {
                return Some(Chain::Loops);
            }
            seen.push(next);
            match self.cname(&self.sets[next]) {
                Some((r, t)) => (record, target) = (r, t),
                None => return Some(Chain::Ends(next)),
            }
        }
    }
}

/// A name and every name above it but the root: `a.b.`, then `b.`.
fn suffixes(name: &str) -> impl Iterator<Item = &str> {
    std::iter::once(name)
        .chain(name.match_indices('.').map(move |(i, _)| &name[i + 1..]))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_of(files: &[(&str, &str)], check: impl Fn(&Model<'_>)) {
        let records: Vec<Record> = files
            .iter()
            .flat_map(|(path, text)| crate::extract::zone::read_str(path, text).records)
            .collect();
        check(&Model::new(&records));
    }

    #[test]
    fn names_group_across_case_escapes_and_files() {
        let a = "$ORIGIN example.com.\n_SMTP._TLS TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n";
        let b = "\\095smtp._tls.example.com. TXT \"v=TLSRPTv1; rua=mailto:b@example.com\"\n";
        let c = "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:c@example.com\"\n";
        model_of(&[("a", a), ("b", b), ("c", c), ("d", c)], |m| {
            // a and b share a name; the relative names of c and d stay apart.
            assert_eq!(m.sets.len(), 3);
            assert_eq!(m.sets[0].records, [0, 1]);
            assert_eq!(
                m.lookup("_smtp._tls.EXAMPLE.com.", &m.records[2].source),
                Some(0)
            );
            assert_eq!(m.set_of(3).records, [3]);
        });
    }

    #[test]
    fn dane_records_keep_zone_file_tlsa_data_through_a_cname() {
        let zone = "$ORIGIN example.com.
@ MX 10 mx
_25._tcp.mx CNAME shared-tlsa
shared-tlsa TLSA 3 1 1 ( 0C72AC70
  b745ac19 )
shared-tlsa TLSA \\# 3 030101
";
        model_of(&[("example.com.zone", zone)], |m| {
            let from = &m.records[0].source;
            let data: Vec<_> = m
                .dane_records("mx.example.com.", from)
                .iter()
                .map(|r| r.data.clone())
                .collect();
            let known = RData::Tlsa {
                data: "3 1 1 0c72ac70b745ac19".to_string(),
            };
            assert_eq!(data, [known, RData::Other]);
            assert!(m.dane_records("other.example.com.", from).is_empty());
            let mail = crate::mail::domains(m);
            assert_eq!(mail[0].dane, 1);
            let tlsa: Vec<_> = mail[0].tlsa[0]
                .iter()
                .map(|t| (t.data.as_deref(), t.line))
                .collect();
            assert_eq!(tlsa, [(Some("3 1 1 0c72ac70b745ac19"), 4), (None, 6)]);
            assert_eq!(mail[0].line, 2);
        });
    }

    #[test]
    fn policy_cnames_are_followed() {
        let zone = "$ORIGIN example.com.
_smtp._tls CNAME policy.example.net.
_smtp._tls.b CNAME _smtp._tls.c
_smtp._tls.c CNAME _smtp._tls.b
_smtp._tls.d CNAME nothing.example.com.
_smtp._tls.e CNAME elsewhere.example.
";
        let target = "$ORIGIN example.net.\npolicy TXT \"v=TLSRPTv1; rua=mailto:a@example.net\"\n";
        model_of(
            &[("example.com.zone", zone), ("example.net.zone", target)],
            |m| {
                let chain = |i: usize| m.set_of(i).chain.clone();
                assert_eq!(chain(0), Some(Chain::Ends(5)));
                assert_eq!(m.sets[5].kind, RecordKind::Policy);
                assert_eq!(chain(1), Some(Chain::Loops));
                let leaves = |target: &str, zone_known| Chain::Leaves {
                    target: target.to_string(),
                    zone_known,
                };
                assert_eq!(chain(3), Some(leaves("nothing.example.com.", true)));
                assert_eq!(chain(4), Some(leaves("elsewhere.example.", false)));
            },
        );
    }
}
