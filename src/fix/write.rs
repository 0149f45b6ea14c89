//! Writing a fixed file back, losing nothing: the new bytes go to a temporary file in the
//! same directory, which takes the original's permissions and is renamed over it, so a
//! reader sees the old file or the new one, never half of either. The caller gives the
//! resolved path (a symbolic link's target is written, the link stays a link).
//!
//! A file whose bytes are no longer those that were linted is not written: someone changed
//! it meanwhile, and the fix was computed on the old bytes. The check runs after the
//! temporary file is complete, just before the rename, to keep that window small.
//!
//! [`Seam`] is where tests reach in: to change the file at the last moment or make the
//! write fail, as a full disk would.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// The steps of a write that tests may replace; [`Disk`] is the real thing.
pub trait Seam: Sync {
    /// Writes the new bytes to the temporary file.
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    /// Called once the temporary file is complete, just before the original is compared
    /// and replaced.
    fn before_rename(&self, _target: &Path) {}
}

/// Writes to the disk, with no test in the way.
pub struct Disk;

impl Seam for Disk {}

/// Replaces `target`, whose bytes were `expected` when linted, with `new`. The error is the
/// message users see; on error the file is as it was.
pub fn replace(target: &Path, expected: &[u8], new: &[u8], seam: &dyn Seam) -> Result<(), String> {
    let meta = fs::metadata(target).map_err(|e| format!("cannot read it again: {e}"))?;
    if meta.permissions().readonly() {
        return Err("the file is read-only".to_string());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".tlsrpt-lint-fix")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {e}"))?;
    seam.write(temp.as_file_mut(), new)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write the fixed file: {e}"))?;
    fs::set_permissions(temp.path(), meta.permissions())
        .map_err(|e| format!("cannot give the fixed file the original's permissions: {e}"))?;
    seam.before_rename(target);
    let now = fs::read(target).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != expected {
        return Err("the file changed since it was read; it was not written".to_string());
    }
    temp.persist(target)
        .map_err(|e| format!("cannot replace it: {}", e.error))?;
    Ok(())
}
