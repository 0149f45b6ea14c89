//! Reading source files from disk: the size limit, UTF-8 checks, display paths, and the
//! [`Loader`] that lets zone files `$INCLUDE` other files without leaving the linted root.
//!
//! This is the only module besides the walker that touches the file system, so the core
//! (decoding, extractors, rules) stays pure and testable on strings.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};

use ignore::{IncrementalIgnore, WalkBuilder};

use crate::extract::{memoized, Loader, Memo};
use crate::text::Source;

/// Files larger than this are reported as unreadable instead of being read.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The working directory, asked once: the tool never changes directory, and a monorepo
/// walk names tens of thousands of files.
static CWD: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());

/// The path users see: relative to the working directory when it is inside it, with `/`.
/// Built in one string: a monorepo walk names tens of thousands of files.
pub fn display_path(path: &Path) -> String {
    let relative = CWD
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let mut shown = String::with_capacity(relative.as_os_str().len());
    let mut parts = 0;
    for component in relative.components() {
        let part = match component {
            Component::CurDir => continue,
            Component::RootDir => Cow::Borrowed(""),
            other => other.as_os_str().to_string_lossy(),
        };
        if parts > 0 {
            shown.push('/');
        }
        shown.push_str(&part);
        parts += 1;
    }
    match (parts, shown.is_empty()) {
        (0, _) => ".".to_string(),
        (1, true) => "/".to_string(),
        _ => shown,
    }
}

/// Texts that stand in for files on disk: what `check --fix` has fixed in memory and not
/// yet written, so that the next pass lints the fixed text. Keyed by resolved path.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    texts: HashMap<PathBuf, String>,
}

impl Overlay {
    /// `text` stands for the file at the resolved path `canonical` from now on.
    pub fn insert(&mut self, canonical: PathBuf, text: String) {
        self.texts.insert(canonical, text);
    }

    /// The text standing for `path`, if any (resolved only when there is an overlay text).
    fn get(&self, path: &Path) -> Option<String> {
        if self.texts.is_empty() {
            return None;
        }
        let canonical = fs::canonicalize(path).ok()?;
        self.texts.get(&canonical).cloned()
    }
}

/// What a caller knows of a path it asks to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// The walk's directory entry says it is a regular file: it is opened straight away
    /// (without blocking, should it have become a FIFO since).
    RegularFile,
    /// Nothing (a path named on the command line or in another file): its type is asked
    /// first, so that a FIFO or a device is never opened.
    Nothing,
}

/// Reads a file as text, or the text `overlay` holds for it.
pub fn read_text_over(
    path: &Path,
    overlay: Option<&Overlay>,
    known: Known,
) -> Result<String, String> {
    match overlay.and_then(|o| o.get(path)) {
        Some(text) => Ok(text),
        None => {
            let mut bytes = Vec::new();
            read_bytes(path, &mut bytes, known)?;
            decode_utf8(bytes)
        }
    }
}

/// Reads a file as text. The error is the message for `unreadable-file`.
pub fn read_text(path: &Path) -> Result<String, String> {
    read_text_over(path, None, Known::Nothing)
}

/// Reads a whole regular file into `buffer` (cleared first, its capacity kept for the next
/// file): the DNS readers' read and the mention scanner's, of any bytes. The error is the
/// message for `unreadable-file`.
///
/// A walked file costs three system calls besides the read, as a monorepo walk reads tens
/// of thousands: it is opened without blocking and then asked for its type and length
/// (its path is not asked first); and exactly that length is read, which saves the read
/// that would find the end (a file that grows meanwhile is read as it was when opened).
pub fn read_bytes(path: &Path, buffer: &mut Vec<u8>, known: Known) -> Result<(), String> {
    buffer.clear();
    let regular = |meta: fs::Metadata| {
        meta.is_file()
            .then_some(meta)
            .ok_or_else(|| "not a regular file".to_string())
    };
    if known == Known::Nothing {
        regular(fs::metadata(path).map_err(|e| io_message(&e))?)?;
    }
    let file = open_nonblocking(path).map_err(|e| io_message(&e))?;
    let meta = regular(file.metadata().map_err(|e| io_message(&e))?)?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "file is {} bytes, over the {} byte limit",
            meta.len(),
            MAX_FILE_SIZE
        ));
    }
    buffer.reserve(meta.len() as usize);
    file.take(meta.len())
        .read_to_end(buffer)
        .map_err(|e| io_message(&e))?;
    Ok(())
}

/// Opens a file for reading without waiting for a writer, should it be a FIFO.
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Whether `path` is a regular file (after symlinks), found without opening it.
pub fn is_regular_file(path: &Path) -> std::io::Result<bool> {
    fs::metadata(path).map(|meta| meta.is_file())
}

/// Checks that bytes are UTF-8 text; UTF-16 is named as such.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("file is UTF-16 text; save it as UTF-8".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// Loads included files relative to the including file, never outside `root`.
pub struct FsLoader<'a> {
    /// What was named for linting.
    named: PathBuf,
    /// The directory of `named`, resolved when a file first asks for an include: most
    /// files include nothing, and resolving costs a system call per path component.
    root: OnceLock<PathBuf>,
    memo: Option<&'a Memo>,
    overlay: Option<&'a Overlay>,
    /// Every file loaded, canonical: a zone file another one `$INCLUDE`s is linted
    /// through it, not again on its own.
    loaded: std::sync::Mutex<Vec<PathBuf>>,
}

impl<'a> FsLoader<'a> {
    /// `root` is the directory (or file) that was named for linting.
    pub fn new(root: &Path) -> FsLoader<'a> {
        FsLoader {
            named: root.to_path_buf(),
            root: OnceLock::new(),
            memo: None,
            overlay: None,
            loaded: Default::default(),
        }
    }

    /// The same loader, keeping what readers derive in the run's `memo`.
    pub fn with_memo(self, memo: &'a Memo) -> FsLoader<'a> {
        FsLoader {
            memo: Some(memo),
            ..self
        }
    }

    /// The same loader, reading the texts `overlay` holds instead of their files.
    pub fn with_overlay(self, overlay: Option<&'a Overlay>) -> FsLoader<'a> {
        FsLoader { overlay, ..self }
    }
}

impl FsLoader<'_> {
    /// The directory includes may not leave: the one named, or the named file's.
    fn root(&self) -> &Path {
        self.root.get_or_init(|| {
            let named = &self.named;
            let root = if named.is_dir() {
                named.clone()
            } else {
                named.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            self.canonical_dir(&root).unwrap_or(root)
        })
    }

    /// `dir` with symbolic links and `..` resolved, once per run and directory: a
    /// Terraform module loads each of its files, and resolving costs a system call per
    /// path component.
    fn canonical_dir(&self, dir: &Path) -> Option<PathBuf> {
        let dir = dir_or_dot(dir);
        let key = format!("canonical-dir:{}", dir.display());
        let resolved = memoized(self, &key, || fs::canonicalize(dir).ok());
        resolved.as_ref().clone()
    }

    /// `path` resolved, each directory once per run.
    fn resolve(&self, path: &Path) -> std::io::Result<PathBuf> {
        resolve_through(path, |dir| self.canonical_dir(dir))
    }

    /// The files loaded so far, canonical.
    pub fn into_loaded(self) -> Vec<PathBuf> {
        self.loaded.into_inner().unwrap()
    }
}

/// The files the loaders of a run loaded (canonical paths), and which walked paths are among
/// them. A walked path is resolved only when a loaded file bears its name, and each
/// directory once: `fs::canonicalize` costs a system call per path component, and a
/// monorepo walk names thousands of files in thousands of directories.
pub struct LoadedFiles<'a> {
    paths: HashSet<&'a PathBuf>,
    names: HashSet<&'a OsStr>,
    dirs: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'a> LoadedFiles<'a> {
    pub fn new(paths: impl IntoIterator<Item = &'a PathBuf>) -> LoadedFiles<'a> {
        let paths: HashSet<&PathBuf> = paths.into_iter().collect();
        let names = paths.iter().filter_map(|p| p.file_name()).collect();
        LoadedFiles {
            paths,
            names,
            dirs: HashMap::new(),
        }
    }

    /// `path` resolved, if it is one of the loaded files.
    pub fn find(&mut self, path: &Path) -> Option<PathBuf> {
        if self.paths.is_empty() {
            return None;
        }
        let symlink = fs::symlink_metadata(path).ok()?.file_type().is_symlink();
        if !symlink && !path.file_name().is_some_and(|n| self.names.contains(n)) {
            return None;
        }
        let dirs = &mut self.dirs;
        let resolved = resolve_through(path, |dir| {
            dirs.entry(dir.to_path_buf())
                .or_insert_with(|| fs::canonicalize(dir).ok())
                .clone()
        })
        .ok()?;
        self.paths.contains(&resolved).then_some(resolved)
    }
}

/// `path` with each `dir/..` removed, when it has one.
fn without_parents(path: &Path) -> Option<PathBuf> {
    let mut out: Vec<Component<'_>> = Vec::new();
    let mut removed = false;
    for component in path.components() {
        match (component, out.last()) {
            (Component::ParentDir, Some(Component::Normal(_))) => {
                out.pop();
                removed = true;
            }
            (Component::CurDir, _) => {}
            _ => out.push(component),
        }
    }
    removed.then(|| out.iter().collect())
}

/// A path's parent as a directory to resolve: `.` for the empty parent of a bare name.
fn dir_or_dot(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// `path` resolved: its directory's resolution (by `dir`) and its name, unless the file is
/// itself a symbolic link (then resolved whole, like every path that does not end in a name).
fn resolve_through(
    path: &Path,
    dir: impl FnOnce(&Path) -> Option<PathBuf>,
) -> std::io::Result<PathBuf> {
    if let (Some(parent), Some(Component::Normal(name))) =
        (path.parent(), path.components().next_back())
    {
        if !fs::symlink_metadata(path)?.file_type().is_symlink() {
            if let Some(parent) = dir(dir_or_dot(parent)) {
                return Ok(parent.join(name));
            }
        }
    }
    fs::canonicalize(path)
}

impl Loader for FsLoader<'_> {
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String> {
        let base = Path::new(&from.path).parent().unwrap_or(Path::new(""));
        let target = base.join(path);
        let canonical = self.resolve(&target).map_err(|e| io_message(&e))?;
        if !canonical.starts_with(self.root()) {
            return Err(format!(
                "`{path}` is outside the linted directory `{}`",
                display_path(self.root())
            ));
        }
        let text = read_text_over(&canonical, self.overlay, Known::Nothing)?;
        // `playbooks/../group_vars/all.yml` is shown as the walk names it,
        // `group_vars/all.yml`, where that is the same file (no symbolic link between).
        let shown = without_parents(&target)
            .filter(|lexical| self.resolve(lexical).is_ok_and(|c| c == canonical))
            .unwrap_or(target);
        self.loaded.lock().unwrap().push(canonical);
        Ok(Arc::new(Source::new(display_path(&shown), text)))
    }

    fn list(&self, from: &Source, dir: &str) -> Vec<String> {
        let base = Path::new(&from.path).parent().unwrap_or(Path::new(""));
        let dir = base.join(dir);
        if !self
            .canonical_dir(&dir)
            .is_some_and(|c| c.starts_with(self.root()))
        {
            return Vec::new();
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    fn is_ignored(&self, from: &Source, path: &str) -> bool {
        let base = Path::new(&from.path).parent().unwrap_or(Path::new(""));
        is_ignored(&base.join(path))
    }

    fn memo(&self) -> Option<&Memo> {
        self.memo
    }
}

/// The ignore rules a walk of `root` applies, for checking single paths under it.
pub fn ignore_matcher(root: &Path) -> IncrementalIgnore {
    let mut matchers = WalkBuilder::new(root)
        .require_git(false)
        .hidden(false)
        .build_matchers();
    matchers.remove(0)
}

/// Whether the ignore files (`.gitignore`, `.ignore`...) leave out the file `path`, which
/// need not exist (a generated file that a checkout lacks).
pub fn is_ignored(path: &Path) -> bool {
    let mut from_cwd = ignore_matcher(Path::new("."));
    if let Some(relative) = from_cwd.normalize(path) {
        return from_cwd.matched(relative, false).is_ignore();
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    ignore_matcher(parent).matched(name, false).is_ignore()
}

/// `path` made absolute against the working directory, without `.` and `..` components
/// (symbolic links are not resolved, so it matches the paths the walk produces).
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let absolute = match CWD.as_deref() {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_use_slashes_and_drop_dot() {
        assert_eq!(display_path(Path::new("./a/b.zone")), "a/b.zone");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(display_path(Path::new("/")), "/");
        assert_eq!(display_path(Path::new("/a/./b")), "/a/b");
    }

    /// A file the walk saw as regular may have become a FIFO since: it is not waited on.
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_a_walked_file_is_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.zone");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let mut buffer = Vec::new();
        for known in [Known::RegularFile, Known::Nothing] {
            assert_eq!(
                read_bytes(&fifo, &mut buffer, known),
                Err("not a regular file".to_string())
            );
        }
    }

    #[test]
    fn a_walked_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zone");
        fs::write(&path, "x".repeat(100_000)).unwrap();
        let mut buffer = b"left over".to_vec();
        read_bytes(&path, &mut buffer, Known::RegularFile).unwrap();
        assert_eq!(buffer.len(), 100_000);
        assert!(read_bytes(dir.path(), &mut buffer, Known::RegularFile).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn loaded_paths_drop_parents_unless_a_link_is_between() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        fs::create_dir_all(root.join("playbooks")).unwrap();
        fs::create_dir_all(root.join("elsewhere/deep")).unwrap();
        fs::create_dir_all(root.join("group_vars")).unwrap();
        fs::create_dir_all(root.join("elsewhere/group_vars")).unwrap();
        fs::write(root.join("group_vars/all.yml"), "a: 1").unwrap();
        fs::write(root.join("elsewhere/group_vars/all.yml"), "a: 2").unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere/deep"), root.join("linked")).unwrap();
        let loader = FsLoader::new(&root);
        let plain = Source::new(display_path(&root.join("playbooks/site.yml")), "");
        let loaded = loader.load(&plain, "../group_vars/all.yml").unwrap();
        assert_eq!(loaded.path, display_path(&root.join("group_vars/all.yml")));
        // Through the link, `..` is `elsewhere/`: the path stays as written.
        let linked = Source::new(display_path(&root.join("linked/site.yml")), "");
        let loaded = loader.load(&linked, "../group_vars/all.yml").unwrap();
        assert_eq!(loaded.text, "a: 2");
        assert!(loaded.path.ends_with("linked/../group_vars/all.yml"));
    }

    #[test]
    fn listings_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        fs::create_dir_all(root.join("zones")).unwrap();
        fs::write(root.join("config.yaml"), "").unwrap();
        fs::write(root.join("zones/b.yaml"), "").unwrap();
        fs::write(root.join("zones/a.yaml"), "").unwrap();
        let loader = FsLoader::new(&root);
        let zone = Source::new(display_path(&root.join("zones/a.yaml")), "");
        assert_eq!(loader.list(&zone, "."), ["a.yaml", "b.yaml"]);
        assert_eq!(loader.list(&zone, ".."), ["config.yaml", "zones"]);
        assert!(loader.list(&zone, "../..").is_empty());
        assert!(loader.list(&zone, "missing").is_empty());
    }

    #[test]
    fn utf16_and_invalid_utf8_are_named() {
        assert!(decode_utf8(vec![0xFF, 0xFE, 0x41, 0])
            .unwrap_err()
            .contains("UTF-16"));
        assert!(decode_utf8(vec![b'a', 0xC3])
            .unwrap_err()
            .contains("offset 1"));
    }
}
