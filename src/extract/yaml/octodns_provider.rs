//! The OctoDNS YamlProvider settings a zone file is read with. They live in the OctoDNS
//! configuration, which names the zone directory. [`find_provider`] looks for it (once per
//! zone directory in a run): in the zone file's directory, the two above it, and a
//! `config/` directory beside each, it reads the YAML files not named like a zone
//! (`production.yaml`, not `example.com.yaml`) that mention `YamlProvider` (through the
//! [`Loader`], so never outside the linted root) and takes the first provider whose
//! `directory` is the zone file's directory (resolved against the configuration's
//! directory, or as a suffix of the zone file's directory, since OctoDNS resolves it against
//! the working directory it runs in). Without one, OctoDNS's defaults apply:
//! `escaped_semicolons: true`, `default_ttl: 3600` (the TTL of records that set none).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::document::{parse, NodeId, Stream};
use crate::diagnostic::Location;
use crate::extract::{memoized, Loader};
use crate::origin::from_file_name;
use crate::text::Source;

/// Directories searched for the OctoDNS configuration, relative to the zone file.
const CONFIG_DIRS: &[&str] = &[".", "config", "..", "../config", "../..", "../../config"];

/// The YamlProvider settings that decide how a value is written and where zones live.
pub(super) struct Provider {
    pub(super) escaped_semicolons: bool,
    /// Where `escaped_semicolons` is set, when it is.
    pub(super) set_at: Option<Location>,
    /// The suffix of the directories that hold a zone split by record.
    pub(super) split_extension: Option<String>,
    /// The TTL of records that set none.
    pub(super) default_ttl: u32,
    /// The `shared_filename` of each provider of this directory that sets one, with the
    /// zones that list that provider among their `sources`: OctoDNS adds the file's
    /// records to each of them.
    pub(super) shared: Vec<(String, Vec<String>)>,
}

impl Default for Provider {
    fn default() -> Provider {
        Provider {
            escaped_semicolons: true,
            set_at: None,
            split_extension: None,
            default_ttl: 3600,
            shared: Vec::new(),
        }
    }
}

/// YAML 1.1 booleans as PyYAML reads them.
pub(super) fn is_true(value: &str) -> bool {
    matches!(
        value,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON"
    )
}

pub(super) fn is_false(value: &str) -> bool {
    matches!(
        value,
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF"
    )
}

/// The provider whose directory holds the zone file (see the module docs), looked for once
/// per directory in a run.
pub(super) fn find_provider(zone_file: &Arc<Source>, loader: &dyn Loader) -> Arc<Provider> {
    let zone_dir = normalize(Path::new(&zone_file.path).parent().unwrap_or(Path::new("")));
    let key = format!("octodns-provider:{}", zone_dir.display());
    memoized(loader, &key, || {
        search_provider(zone_file, &zone_dir, loader)
    })
}

/// The search itself: every configuration beside or above the zone file's directory.
fn search_provider(zone_file: &Arc<Source>, zone_dir: &Path, loader: &dyn Loader) -> Provider {
    for dir in CONFIG_DIRS {
        for file in loader.list(zone_file, dir) {
            // Zone files are named for their zone; configurations are not, and skipping the
            // zone files keeps a directory of many zones from being read once per zone.
            let stem = file.strip_suffix(".yaml").or(file.strip_suffix(".yml"));
            if stem.is_none_or(|stem| from_file_name(stem).is_some()) {
                continue;
            }
            let Ok(config) = loader.load(zone_file, &format!("{dir}/{file}")) else {
                continue;
            };
            if !config.text.contains("YamlProvider") {
                continue;
            }
            if let Some(provider) = provider_in(&config, zone_dir) {
                return provider;
            }
        }
    }
    Provider::default()
}

/// The YamlProvider of `config` whose directory is `zone_dir`, with the shared files of
/// every provider of that directory.
fn provider_in(config: &Arc<Source>, zone_dir: &Path) -> Option<Provider> {
    let stream = parse(&config.text).ok()?;
    let root = *stream.documents.first()?;
    let providers = stream.get(root, "providers")?;
    let config_dir = Path::new(&config.path).parent().unwrap_or(Path::new(""));
    let mut found: Option<Provider> = None;
    let mut shared = Vec::new();
    for &(id, provider) in stream.map(providers)? {
        let class = stream.get_str(provider, "class").unwrap_or_default();
        let is_yaml_provider = class.ends_with("YamlProvider");
        let Some(directory) = stream.get_str(provider, "directory") else {
            continue;
        };
        let directory = normalize(Path::new(directory));
        let here = normalize(&config_dir.join(&directory));
        let split = zone_dir
            .parent()
            .is_some_and(|p| p == here || p.ends_with(&directory));
        if !is_yaml_provider || !(here == zone_dir || zone_dir.ends_with(&directory) || split) {
            continue;
        }
        if let (Some(file), Some(id)) = (
            stream.get_str(provider, "shared_filename"),
            stream.scalar(id),
        ) {
            shared.push((file.to_string(), zones_sourcing(&stream, root, id)));
        }
        if found.is_some() {
            continue;
        }
        let setting = stream.entry(provider, "escaped_semicolons");
        let escaped_semicolons = setting
            .and_then(|(_, v)| stream.scalar(v))
            .is_none_or(|v| !is_false(v));
        let set_at = setting
            .map(|(k, v)| Location::new(config, stream.nodes[k].span.cover(stream.nodes[v].span)));
        // SplitYamlProvider (deprecated) splits by `extension`, `.` unless set.
        let split_extension = stream
            .get_str(provider, "split_extension")
            .or_else(|| stream.get_str(provider, "extension"))
            .or(class.ends_with("SplitYamlProvider").then_some("."))
            .map(str::to_string);
        let default_ttl = stream
            .get_str(provider, "default_ttl")
            .and_then(|t| t.parse().ok())
            .unwrap_or(3600);
        found = Some(Provider {
            escaped_semicolons,
            set_at,
            split_extension,
            default_ttl,
            shared: Vec::new(),
        });
    }
    found.map(|provider| Provider { shared, ..provider })
}

/// The zones of the configuration whose `sources` list the provider `id`, absolute.
fn zones_sourcing(stream: &Stream, root: NodeId, id: &str) -> Vec<String> {
    let Some(zones) = stream.get(root, "zones").and_then(|z| stream.map(z)) else {
        return Vec::new();
    };
    zones
        .iter()
        .filter(|&&(_, zone)| {
            stream.get(zone, "sources").is_some_and(|s| {
                stream
                    .one_or_many(s)
                    .iter()
                    .any(|&p| stream.scalar(p) == Some(id))
            })
        })
        .filter_map(|&(name, _)| stream.scalar(name))
        .filter(|name| !name.starts_with('*'))
        .map(super::absolute)
        .collect()
}

/// A path without `.` and with `..` applied where it can be.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some_and(|n| n != "..") => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
