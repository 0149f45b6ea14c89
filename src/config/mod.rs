//! Configuration files: finding `tlsrpt-lint.toml` (or `.tlsrpt-lint.toml`), reading it
//! strictly, and resolving it with the command line into [`Settings`].
//!
//! Discovery follows ruff and typos: the closest file walking up from the working
//! directory wins, with no implicit merging; `--config FILE` names one, `--no-config`
//! ignores them. Both names in one directory is an error rather than a silent choice.
//!
//! The file is read with `serde` and `deny_unknown_fields`, every value kept with its span
//! (`toml::Spanned`), so an unknown key or a bad value is reported as `path:line:col` like
//! any linted source. Globs (`include`, `exclude`, `[zones]`) are relative to the config
//! file's directory and matched with `globset`; `*` stays within one path component, `**`
//! crosses them, and a pattern without `/` matches a name at any depth.

mod paths;
mod settings;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::error::Error;
use crate::extract::zone::Dialect;
use crate::files::{self, display_path};
use crate::rule::Rule;
use crate::rules;
use crate::text::Source;
use paths::Globs;
pub use paths::{PathFilter, ZoneDialects, ZoneOrigins};
pub use settings::Settings;

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["tlsrpt-lint.toml", ".tlsrpt-lint.toml"];

/// A configuration file as written: every key optional, every value with its span.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    zones: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    dialect: Option<Spanned<String>>,
    dialects: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    authorized_destinations: Option<Vec<Spanned<String>>>,
    short_ttl: Option<Spanned<i64>>,
    fix: Option<bool>,
    unsafe_fixes: Option<bool>,
    show_fixes: Option<bool>,
}

/// A configuration file, checked. Keys the file does not set are `None` (or empty).
#[derive(Clone, Debug)]
pub struct Config {
    /// The file, as users see it.
    pub path: String,
    pub files: PathFilter,
    pub select: Option<Vec<&'static Rule>>,
    pub ignore: Option<Vec<&'static Rule>>,
    /// Per-rule severity; `None` turns the rule off.
    pub severity: Vec<(&'static Rule, Option<Severity>)>,
    /// `Some(None)`: `fail-on = "never"`.
    pub fail_on: Option<Option<Severity>>,
    pub zones: ZoneOrigins,
    pub dialects: ZoneDialects,
    pub authorized_destinations: Option<Vec<String>>,
    pub short_ttl: Option<u32>,
    /// `fix`, `unsafe-fixes`, `show-fixes`: ruff's keys, for `check`.
    pub fixing: Fixing<Option<bool>>,
}

/// Whether `check` applies fixes, unsafe ones too, and lists them: ruff's `fix`,
/// `unsafe-fixes` and `show-fixes` (`bool` resolved, `Option<bool>` as a file or the
/// command line sets them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixing<T> {
    pub fix: T,
    pub unsafe_fixes: T,
    pub show_fixes: T,
}

impl Fixing<bool> {
    /// `over` where it says something, else `self`.
    fn over(self, over: Fixing<Option<bool>>) -> Fixing<bool> {
        Fixing {
            fix: over.fix.unwrap_or(self.fix),
            unsafe_fixes: over.unsafe_fixes.unwrap_or(self.unsafe_fixes),
            show_fixes: over.show_fixes.unwrap_or(self.show_fixes),
        }
    }
}

/// What the command line says over the file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Replaces the file's `select` when not empty.
    pub select: Vec<&'static Rule>,
    /// Replaces the file's `ignore` when not empty.
    pub ignore: Vec<&'static Rule>,
    pub fail_on: Option<Option<Severity>>,
    pub fixing: Fixing<Option<bool>>,
    /// Replaces the file's `authorized-destinations` when not empty.
    pub authorized_destinations: Vec<String>,
}

/// The closest configuration file at or above `dir`.
pub fn discover(dir: &Path) -> Result<Option<PathBuf>, Error> {
    for dir in dir.ancestors() {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .filter(|path| path.is_file())
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(Some(one.clone())),
            _ => {
                return Err(Error::Usage(format!(
                    "both `{}` and `{}` are in `{}`: keep one",
                    FILE_NAMES[0],
                    FILE_NAMES[1],
                    display_path(dir)
                )))
            }
        }
    }
    Ok(None)
}

/// Reads and checks the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, Error> {
    let display = display_path(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Usage(format!("cannot read `{display}`: {e}")))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let base = files::lexical_absolute(dir.unwrap_or(Path::new(".")));
    parse(&display, &text, &base)
}

/// Checks configuration `text` read from `display`, with globs relative to `base`.
pub fn parse(display: &str, text: &str, base: &Path) -> Result<Config, Error> {
    let source = Source::new(display, text);
    let fail = |span: std::ops::Range<usize>, message: String| {
        let at = source.position(span.start as u32);
        Error::Usage(format!("{display}:{}:{}: {message}", at.line, at.column))
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let message = e
            .message()
            .trim_end()
            .replacen("unknown field", "unknown key", 1);
        fail(e.span().unwrap_or(0..0), message)
    })?;
    let rule_list = |list: Option<Vec<Spanned<String>>>| {
        list.map(|list| list.iter().map(|key| find_rule(key, &fail)).collect())
            .transpose()
    };
    let mut severity = Vec::new();
    for (key, value) in raw.severity.unwrap_or_default() {
        let rule = find_rule(&key, &fail)?;
        let level = match value.get_ref().as_str() {
            "off" => None,
            other => Some(parse_severity(other).ok_or_else(|| {
                let message = format!(
                    "invalid severity `{other}`: expected `error`, `warning`, `info` or `off`"
                );
                fail(value.span(), message)
            })?),
        };
        severity.push((rule, level));
    }
    severity.sort_by_key(|(rule, _)| rule.code);
    let fail_on = raw
        .fail_on
        .map(|value| match value.get_ref().as_str() {
            "never" => Ok(None),
            other => parse_severity(other).map(Some).ok_or_else(|| {
                let message = format!(
                    "invalid `fail-on` value `{other}`: expected `error`, `warning`, `info` or `never`"
                );
                fail(value.span(), message)
            }),
        })
        .transpose()?;
    let mut zones: Vec<(Spanned<String>, Spanned<String>)> =
        raw.zones.unwrap_or_default().into_iter().collect();
    zones.sort_by_key(|(key, _)| key.span().start);
    let mut origins = Vec::new();
    for (_, origin) in &zones {
        let name = origin.get_ref().trim_end_matches('.');
        if !is_domain(name) {
            return Err(fail(origin.span(), format!("invalid zone origin `{name}`")));
        }
        origins.push(format!("{name}."));
    }
    let zone_globs: Vec<Spanned<String>> = zones.into_iter().map(|(key, _)| key).collect();
    let dialect = |value: &Spanned<String>| {
        Dialect::from_name(value.get_ref()).ok_or_else(|| {
            let names: Vec<String> = Dialect::ALL
                .iter()
                .map(|d| format!("`{}`", d.name()))
                .collect();
            let message = format!(
                "invalid dialect `{}`: expected {}",
                value.get_ref(),
                names.join(", ")
            );
            fail(value.span(), message)
        })
    };
    let default_dialect = raw.dialect.as_ref().map(dialect).transpose()?;
    let mut dialect_entries: Vec<(Spanned<String>, Spanned<String>)> =
        raw.dialects.unwrap_or_default().into_iter().collect();
    dialect_entries.sort_by_key(|(key, _)| key.span().start);
    let dialects = dialect_entries
        .iter()
        .map(|(_, value)| dialect(value))
        .collect::<Result<Vec<_>, _>>()?;
    let dialect_globs = dialect_entries.into_iter().map(|(key, _)| key).collect();
    let authorized_destinations = raw
        .authorized_destinations
        .map(|list| {
            list.iter()
                .map(|d| destination(d.get_ref()).map_err(|message| fail(d.span(), message)))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    let short_ttl = raw
        .short_ttl
        .map(|ttl| {
            u32::try_from(*ttl.get_ref())
                .ok()
                .filter(|&t| t <= i32::MAX as u32)
                .ok_or_else(|| {
                    let message = format!(
                        "invalid `short-ttl` `{}`: expected seconds from 0 to 2147483647",
                        ttl.get_ref()
                    );
                    fail(ttl.span(), message)
                })
        })
        .transpose()?;
    Ok(Config {
        path: display.to_string(),
        files: PathFilter {
            include: Globs::new(base, raw.include.unwrap_or_default(), &fail)?,
            exclude: Globs::new(base, raw.exclude.unwrap_or_default(), &fail)?,
        },
        select: rule_list(raw.select)?,
        ignore: rule_list(raw.ignore)?,
        severity,
        fail_on,
        zones: ZoneOrigins {
            globs: Globs::new(base, zone_globs, &fail)?,
            origins,
        },
        dialects: ZoneDialects {
            default: default_dialect,
            globs: Globs::new(base, dialect_globs, &fail)?,
            dialects,
        },
        authorized_destinations,
        short_ttl,
        fixing: Fixing {
            fix: raw.fix,
            unsafe_fixes: raw.unsafe_fixes,
            show_fixes: raw.show_fixes,
        },
    })
}

fn find_rule(
    key: &Spanned<String>,
    fail: &impl Fn(std::ops::Range<usize>, String) -> Error,
) -> Result<&'static Rule, Error> {
    rules::find(key.get_ref().trim()).ok_or_else(|| {
        let message = format!(
            "unknown rule `{}` (`tlsrpt-lint rule --all` lists every rule)",
            key.get_ref()
        );
        fail(key.span(), message)
    })
}

fn parse_severity(text: &str) -> Option<Severity> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|s| s.as_str() == text)
}

/// An authorized destination as settings keep it (lowercase, no trailing dot), from the
/// file or the command line.
pub fn destination(text: &str) -> Result<String, String> {
    let name = text.trim_end_matches('.').to_ascii_lowercase();
    if is_domain(&name) {
        Ok(name)
    } else {
        Err(format!("invalid domain `{text}`"))
    }
}

/// A plausible domain name: dot-separated labels of letters, digits, `-` and `_`.
fn is_domain(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The default settings, then the file, then the command line.
pub fn resolve(config: Option<&Config>, overrides: &Overrides) -> Settings {
    let mut settings = Settings::default();
    let pick = |cli: &Vec<&'static Rule>, file: Option<&Vec<&'static Rule>>| {
        if cli.is_empty() {
            file.cloned().unwrap_or_default()
        } else {
            cli.clone()
        }
    };
    let select = pick(&overrides.select, config.and_then(|c| c.select.as_ref()));
    let ignore = pick(&overrides.ignore, config.and_then(|c| c.ignore.as_ref()));
    if !select.is_empty() {
        // A selection may name an opt-in rule, which the defaults leave out.
        settings.rules = rules::ALL.iter().map(|r| (*r, r.severity)).collect();
    }
    settings.retain_rules(|rule| {
        (select.is_empty() || select.contains(&rule)) && !ignore.contains(&rule)
    });
    if let Some(config) = config {
        for (rule, level) in &config.severity {
            match level {
                // A level for an opt-in rule enables it.
                Some(level) if !settings.rules.iter().any(|(r, _)| r == rule) => {
                    if !rules::is_default(rule) && select.is_empty() && !ignore.contains(rule) {
                        settings.rules.push((rule, *level));
                    }
                }
                Some(level) => settings
                    .rules
                    .iter_mut()
                    .filter(|(r, _)| r == rule)
                    .for_each(|(_, s)| *s = *level),
                None => settings.retain_rules(|r| r != *rule),
            }
        }
        settings.fail_on = config.fail_on.unwrap_or(settings.fail_on);
        settings.files = config.files.clone();
        settings.zones = config.zones.clone();
        settings.dialects = config.dialects.clone();
        settings.authorized_destinations =
            config.authorized_destinations.clone().unwrap_or_default();
        settings.short_ttl = config.short_ttl;
        settings.fixing = settings.fixing.over(config.fixing);
    }
    settings.fail_on = overrides.fail_on.unwrap_or(settings.fail_on);
    settings.fixing = settings.fixing.over(overrides.fixing);
    if !overrides.authorized_destinations.is_empty() {
        settings.authorized_destinations = overrides.authorized_destinations.clone();
    }
    settings
}

/// The resolved settings as `--show-settings` prints them: TOML a config file could hold,
/// with the enabled rules as a `[severity]` table.
pub fn show(settings: &Settings, config: Option<&str>) -> String {
    let mut out = String::new();
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let _ = writeln!(out, "# config file: {}", config.unwrap_or("none"));
    let _ = writeln!(out, "include = {}", list(&settings.files.include.patterns));
    let _ = writeln!(out, "exclude = {}", list(&settings.files.exclude.patterns));
    let fail_on = settings.fail_on.map_or("never", Severity::as_str);
    let _ = writeln!(out, "fail-on = {fail_on:?}");
    let _ = match settings.short_ttl {
        Some(ttl) => writeln!(out, "short-ttl = {ttl}"),
        None => writeln!(out, "# short-ttl: not set"),
    };
    let fixing = settings.fixing;
    let _ = writeln!(out, "fix = {}", fixing.fix);
    let _ = writeln!(out, "unsafe-fixes = {}", fixing.unsafe_fixes);
    let _ = writeln!(out, "show-fixes = {}", fixing.show_fixes);
    let destinations = list(&settings.authorized_destinations);
    let _ = writeln!(out, "authorized-destinations = {destinations}");
    let _ = match settings.dialects.default {
        Some(dialect) => writeln!(out, "dialect = {:?}", dialect.name()),
        None => writeln!(
            out,
            "# dialect: not set (what the records reveal, else \"bind\")"
        ),
    };
    let _ = writeln!(out, "\n[zones]");
    for (glob, origin) in settings
        .zones
        .globs
        .patterns
        .iter()
        .zip(&settings.zones.origins)
    {
        let _ = writeln!(out, "{glob:?} = {origin:?}");
    }
    let _ = writeln!(out, "\n[dialects]");
    let dialects = &settings.dialects;
    for (glob, dialect) in dialects.globs.patterns.iter().zip(&dialects.dialects) {
        let _ = writeln!(out, "{glob:?} = {:?}", dialect.name());
    }
    let _ = writeln!(
        out,
        "\n# the enabled rules, each with its severity\n[severity]"
    );
    for (rule, severity) in &settings.rules {
        let _ = writeln!(
            out,
            "{} = {:?}  # {}",
            rule.name,
            severity.as_str(),
            rule.code
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, String> {
        parse("tlsrpt-lint.toml", text, Path::new("/repo")).map_err(|e| e.to_string())
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_place() {
        let error = config("fail-on = \"warning\"\n\nselct = []\n").unwrap_err();
        assert!(
            error.starts_with("tlsrpt-lint.toml:3:1: unknown key `selct`"),
            "{error}"
        );
        let error = config("select = [\"missing-rua\", \"nope\"]\n").unwrap_err();
        assert!(
            error.starts_with("tlsrpt-lint.toml:1:26: unknown rule `nope`"),
            "{error}"
        );
        let error = config("[severity]\nmissing-rua = \"loud\"\n").unwrap_err();
        assert!(
            error.starts_with("tlsrpt-lint.toml:2:15: invalid severity `loud`"),
            "{error}"
        );
        let error = config("short-ttl = -1\n").unwrap_err();
        assert!(error.starts_with("tlsrpt-lint.toml:1:13: invalid `short-ttl`"));
        let error = config("[zones]\n\"db.*\" = \"bad name\"\n").unwrap_err();
        assert!(error.starts_with("tlsrpt-lint.toml:2:10: invalid zone origin"));
        let error = config("include = \"zones\"\n").unwrap_err();
        assert!(
            error.starts_with("tlsrpt-lint.toml:1:11: invalid type"),
            "{error}"
        );
    }

    #[test]
    fn the_command_line_overrides_the_file() {
        let file = config(
            "select = [\"TLSRPT105\", \"empty-field\"]\nfail-on = \"never\"\n\
             [severity]\nempty-field = \"info\"\n",
        )
        .unwrap();
        let settings = resolve(Some(&file), &Overrides::default());
        let enabled: Vec<_> = settings
            .rules
            .iter()
            .map(|(r, s)| (r.name, s.as_str()))
            .collect();
        assert_eq!(enabled, [("missing-rua", "error"), ("empty-field", "info")]);
        assert_eq!(settings.fail_on, None);
        let overrides = Overrides {
            select: vec![rules::find("empty-field").unwrap()],
            fail_on: Some(Some(Severity::Warning)),
            ..Overrides::default()
        };
        let settings = resolve(Some(&file), &overrides);
        assert_eq!(settings.rules.len(), 1);
        assert_eq!(settings.rules[0].1, Severity::Info);
        assert_eq!(settings.fail_on, Some(Severity::Warning));
    }

    #[test]
    fn globs_are_relative_to_the_config_directory() {
        let file = config(
            "include = [\"zones/**\"]\nexclude = [\"legacy\", \"*.inc\"]\n\
             [zones]\n\"zones/primary\" = \"example.com\"\n\"zones/*\" = \"example.org.\"\n",
        )
        .unwrap();
        let filter = &file.files;
        assert!(filter.is_included(Path::new("/repo/zones/a.zone")));
        assert!(!filter.is_included(Path::new("/repo/other/a.zone")));
        assert!(filter.is_included(Path::new("/elsewhere/a.zone")));
        assert!(filter.is_excluded(Path::new("/repo/zones/legacy")));
        assert!(!filter.is_excluded(Path::new("/repo/zones/legacy/a.zone")));
        assert!(filter.is_excluded_with_parents(Path::new("/repo/zones/legacy/a.zone")));
        assert!(filter.is_excluded(Path::new("/repo/zones/x/../p.inc")));
        assert!(!filter.is_excluded(Path::new("/repo/zones/a.zone")));
        let zones = &file.zones;
        assert_eq!(
            zones.origin_for(Path::new("/repo/zones/primary")),
            Some("example.com.")
        );
        assert_eq!(
            zones.origin_for(Path::new("/repo/zones/other")),
            Some("example.org.")
        );
        assert_eq!(zones.origin_for(Path::new("/repo/primary")), None);
    }

    #[test]
    fn discovery_takes_the_closest_file_and_refuses_two() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("a/b");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(dir.path().join("tlsrpt-lint.toml"), "").unwrap();
        assert_eq!(
            discover(&inner).unwrap(),
            Some(dir.path().join("tlsrpt-lint.toml"))
        );
        std::fs::write(dir.path().join("a/.tlsrpt-lint.toml"), "").unwrap();
        assert_eq!(
            discover(&inner).unwrap(),
            Some(dir.path().join("a/.tlsrpt-lint.toml"))
        );
        std::fs::write(dir.path().join("a/tlsrpt-lint.toml"), "").unwrap();
        let error = discover(&inner).unwrap_err().to_string();
        assert!(error.starts_with("both `tlsrpt-lint.toml` and `.tlsrpt-lint.toml`"));
    }
}
