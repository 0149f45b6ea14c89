//! A Terraform module is the files of one directory. Each file is read and parsed once per
//! run ([`Directory`]), and the module is evaluated once per zone origin ([`evaluate`]) for
//! all its files at once: every record and finding belongs to the file that holds its value,
//! and each linted file takes its share, kept in the run's memo
//! ([`crate::extract::memoized`]) like the OctoDNS provider configuration. What a caller
//! needs from a module it calls (`source = "./modules/x"`) is derived once per run too.
//!
//! So a directory of N files costs N parses and one evaluation whatever N is. (Each linted
//! file used to parse up to 64 siblings again: quadratic in the directory, and a `local`
//! declared in a file past the 64th was not seen at all.)

use std::collections::HashMap;
use std::sync::Arc;

use super::{parse_files, File};
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::{memoized, Extracted, Loader};
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::text::Source;

/// The parsed files of one directory, in name order, and the syntax errors of those that
/// did not parse.
#[derive(Default)]
pub(super) struct Directory {
    pub files: Vec<File>,
    pub errors: Vec<Diagnostic>,
}

/// What a module's evaluation gives each of its files, by path.
pub(super) type Shares = HashMap<String, Extracted>;

/// The shares of the module `source` belongs to, evaluated once per run and origin with
/// `evaluate`. The parsed directory is dropped once evaluated: parse trees are many times
/// the size of their text, and a run over a large repository must not keep them all.
pub(super) fn shares(
    loader: &dyn Loader,
    source: &Arc<Source>,
    origin: Option<&str>,
    evaluate: impl FnOnce(&Directory) -> Shares,
) -> Arc<Shares> {
    let key = format!(
        "terraform-module:{}:{}",
        origin.unwrap_or_default(),
        parent(&source.path)
    );
    memoized(loader, &key, || {
        evaluate(&read_directory(loader, source, ".", Some(source)))
    })
}

/// What `derive` makes of the directory `dir` (written relative to `from`'s directory), a
/// module another one calls: made once per run under the name `what`.
pub(super) fn called<T: std::any::Any + Send + Sync>(
    loader: &dyn Loader,
    from: &Arc<Source>,
    dir: &str,
    what: &str,
    derive: impl FnOnce(&Directory) -> T,
) -> Arc<T> {
    let key = format!("terraform-{what}:{}", join(parent(&from.path), dir));
    memoized(loader, &key, || {
        derive(&read_directory(loader, from, dir, None))
    })
}

/// The parsed files of the directory `dir` (written relative to `from`'s directory), a
/// local module another one calls and instantiates once per call: parsed once per run.
pub(super) fn called_directory(
    loader: &dyn Loader,
    from: &Arc<Source>,
    dir: &str,
) -> Arc<Directory> {
    let key = format!("terraform-directory:{}", join(parent(&from.path), dir));
    memoized(loader, &key, || read_directory(loader, from, dir, None))
}

fn read_directory(
    loader: &dyn Loader,
    from: &Arc<Source>,
    dir: &str,
    own: Option<&Arc<Source>>,
) -> Directory {
    let own_name = own.map(|s| file_name(&s.path));
    let mut names: Vec<String> = loader
        .list(from, dir)
        .into_iter()
        .filter(|name| super::is_module_file(name) || super::is_auto_tfvars(name))
        .collect();
    if let Some(own) = own_name.filter(|o| !names.iter().any(|n| n == o)) {
        names.push(own.to_string());
        names.sort();
    }
    let mut out = Directory::default();
    for name in names {
        let source = match own.filter(|_| Some(name.as_str()) == own_name) {
            Some(own) => Arc::clone(own),
            None => match loader.load(from, &format!("{dir}/{name}")) {
                Ok(source) => source,
                // Unreadable files are reported by their own run.
                Err(_) => continue,
            },
        };
        // A file that declares nothing a record could use is not parsed.
        let useful = super::worth_parsing(&source.text)
            || super::declares_values(&source.text)
            || super::is_auto_tfvars(&name);
        if !useful {
            continue;
        }
        match parse_files(&source) {
            Ok(files) => out.files.extend(files),
            Err((span, message)) => out.errors.push(Diagnostic::new(
                &SOURCE_SYNTAX_ERROR,
                Location::new(&source, span),
                message,
            )),
        }
    }
    out
}

/// The directory part of a path (`""` for a bare name).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// `dir` joined to `base`, lexically: `.` dropped, `..` taking off a component.
fn join(base: &str, dir: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    let absolute = base.starts_with('/');
    for part in dir.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_keyed_by_their_lexical_path() {
        assert_eq!(join("a/b", "."), "a/b");
        assert_eq!(join("a/b", "./modules/x/"), "a/b/modules/x");
        assert_eq!(join("a/b", "../c"), "a/c");
        assert_eq!(join("", "../c"), "../c");
        assert_eq!(join("/r/a", "./m"), "/r/a/m");
    }
}
