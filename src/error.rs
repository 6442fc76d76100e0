//! Errors a user can cause, each with where it happened and what to do about it.
//!
//! Library functions return [`Error`]; `main` prints it as one `dossier: ...` line and exits with
//! status 2. Per-file problems during indexing are *not* errors of the run: they are reported and
//! counted by the command (see `commands::index`).

use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index where one was expected.
    #[error("no index at {path}: run `dossier index PATH...` first (or pass --index DIR)")]
    NoIndex {
        /// The index folder that was looked for.
        path: PathBuf,
    },
    /// The index was written by another schema version.
    #[error(
        "index at {path} has schema version {found}, this dossier reads version {expected}: \
         rebuild it with `dossier index --rebuild PATH...`"
    )]
    SchemaVersion {
        /// The index folder.
        path: PathBuf,
        /// Version found on disk.
        found: String,
        /// Version this build writes.
        expected: u32,
    },
    /// Another process is writing to the index.
    #[error(
        "index at {path} is busy: another `dossier index` is writing to it{holder}; \
         wait for it to finish, or stop it"
    )]
    Busy {
        /// The index folder.
        path: PathBuf,
        /// ` (pid N)` when known.
        holder: String,
    },
    /// The index exists but cannot be read.
    #[error(
        "index at {path} is damaged ({reason}): rebuild it with `dossier index --rebuild PATH...`"
    )]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What tantivy reported.
        reason: String,
    },
    /// The query could not be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// A command-line value that is not valid (a date, a shard spec...).
    #[error("{0}")]
    Usage(String),
    /// A file or folder given on the command line does not exist or cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A Quickwit node could not be reached or refused a request.
    #[error("Quickwit at {node}: {what}")]
    Quickwit {
        /// The node's URL.
        node: String,
        /// What went wrong and what to do.
        what: String,
    },
    /// An error from tantivy that is not one of the cases above.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
