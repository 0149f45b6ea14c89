//! dnscontrol's `require` and `require_glob`: the files a configuration is spread over.
//!
//! `require(path)` runs a `.js` file in the global scope, again at each `require` (a
//! template file required once per domain, after setting the domain in a global, makes
//! records for each), or reads a `.json` file (once: it is data), as dnscontrol does. `require_glob(path, recursive)` requires every `.js` file under a
//! directory (or matching a wildcard in the last component of `path`), in name order with
//! sub-directories visited where their names sort, as Go's `filepath.Walk` under
//! dnscontrol's `glob` does; `recursive` (default `true`) says whether sub-directories
//! count. Only what the [`Loader`](crate::extract::Loader) lists is seen, so nothing
//! outside the linted root is read.
//!
//! What a failed `require` means depends on the code around it: inside a `try` whose
//! `catch` handles the failure (it does not `throw` again) it is the configuration's own
//! fallback and no finding; a file that is absent and git-ignored is generated before
//! deploy (secrets, lists fetched by a script), so its records cannot be checked offline:
//! `unevaluated-value` (info), not an unreadable file.

use std::sync::Arc;

use globset::GlobBuilder;

use super::eval::{Eval, MAX_FILES, MAX_REQUIRE_DEPTH};
use super::value::{At, JsValue};
use crate::extract::Loader;
use crate::text::Source;

/// Directories below the one `require_glob` names that are followed (a bound, since a
/// symbolic link can make a directory hold itself).
const MAX_GLOB_DEPTH: usize = 32;

impl<'a> Eval<'a> {
    /// `require(path)` at `at`: runs a `.js` file, or reads a `.json` file, relative to the
    /// requiring file. A `.js` file required again runs again (parsed once), unless it is
    /// running already; a `.json` file gives what it gave the first time.
    pub fn require(&mut self, path: &str, at: At) -> JsValue<'a> {
        if self.running.len() >= MAX_REQUIRE_DEPTH || self.texts.len() >= MAX_FILES {
            let message = format!("`require` of `{path}` is over the limit of {MAX_REQUIRE_DEPTH} nested or {MAX_FILES} files");
            self.out.unreadable(at, message);
            return JsValue::Unknown(at);
        }
        let from = Arc::clone(&self.out.files[at.file]);
        match self.loader.load(&from, path) {
            Ok(source) => {
                let known = self.required.iter().find(|(p, _, _)| *p == source.path);
                if let Some((_, file, value)) = known {
                    let (file, value) = (*file, value.clone());
                    // A file that requires itself, directly or not, sees nothing more; a
                    // `.js` template required once per domain runs once per domain.
                    if self.running.contains(&file) || source.path.ends_with(".json") {
                        return value;
                    }
                    return self.run_again(file);
                }
                let file = self.texts.len();
                self.required
                    .push((source.path.clone(), file, JsValue::Undefined));
                let value = self.run(&source);
                if let Some(slot) = self.required.iter_mut().find(|(p, _, _)| *p == source.path) {
                    slot.2 = value.clone();
                }
                value
            }
            Err(_) if self.guarded > 0 => {
                self.thrown = true;
                JsValue::Unknown(at)
            }
            Err(_) if self.loader.is_ignored(&from, path) => {
                self.out.generated(at, path);
                JsValue::Unknown(at)
            }
            Err(message) => {
                self.out.unreadable(
                    at,
                    format!("cannot read `require`d file `{path}`: {message}"),
                );
                JsValue::Unknown(at)
            }
        }
    }

    /// `require_glob(path, recursive)` at `at`: requires each `.js` file it names, in order.
    pub fn require_glob(&mut self, path: &str, recursive: bool, at: At) -> JsValue<'a> {
        let from = Arc::clone(&self.out.files[at.file]);
        for file in glob(self.loader, &from, path, recursive) {
            self.require(&file, at);
            if self.thrown {
                break;
            }
        }
        JsValue::Undefined
    }
}

/// The `.js` files `require_glob(path, recursive)` requires from `from`, as paths relative
/// to `from`'s directory, in the order dnscontrol requires them.
pub fn glob(loader: &dyn Loader, from: &Source, path: &str, recursive: bool) -> Vec<String> {
    let trimmed = path.trim_end_matches('/');
    let (dir, last) = trimmed.rsplit_once('/').unwrap_or((".", trimmed));
    let mut files = Vec::new();
    if last.contains(['*', '?', '[']) {
        let Ok(pattern) = GlobBuilder::new(last).literal_separator(true).build() else {
            return files;
        };
        let pattern = pattern.compile_matcher();
        for name in loader.list(from, dir) {
            if pattern.is_match(&name) {
                let path = format!("{dir}/{name}");
                visit(loader, from, &path, recursive, false, &mut files);
            }
        }
    } else {
        let top = if trimmed.is_empty() { "." } else { trimmed };
        visit(loader, from, top, recursive, true, &mut files);
    }
    files
}

/// Adds `path` to `files` if it is a `.js` file; if it is a directory that is the `top`
/// one or `recursive` allows, the `.js` files under it, in name order.
fn visit(
    loader: &dyn Loader,
    from: &Source,
    path: &str,
    recursive: bool,
    top: bool,
    files: &mut Vec<String>,
) {
    if files.len() >= MAX_FILES || path.matches('/').count() > MAX_GLOB_DEPTH {
        return;
    }
    let entries = if top || recursive {
        loader.list(from, path)
    } else {
        Vec::new()
    };
    if entries.is_empty() {
        if path.ends_with(".js") {
            files.push(path.to_string());
        }
        return;
    }
    for name in entries {
        visit(
            loader,
            from,
            &format!("{path}/{name}"),
            recursive,
            false,
            files,
        );
    }
}
