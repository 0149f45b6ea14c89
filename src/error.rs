//! The tool's own failures, as opposed to problems in the linted input (which are always
//! diagnostics). A leaf: the walk and the configuration return it, `main` prints it.

use std::path::PathBuf;

/// The tool's own failures (never problems in the linted input).
#[derive(Debug)]
pub enum Error {
    /// A path named on the command line does not exist or cannot be walked.
    Path { path: PathBuf, message: String },
    /// Bad arguments or settings.
    Usage(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Path { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
