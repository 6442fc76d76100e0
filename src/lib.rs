//! dossier: index a corpus of news reporting into tantivy — one document per passage, with the
//! actors, dates and quotations found in it — and search it for ranked, highlighted passages.
//!
//! The binary is a thin wrapper over [`run`]. The pipelines are plain functions:
//! `ingest` (walk, read) → `extract` (passages, actors, dates, quotes) → `index` (documents,
//! commits); `search` (query, rank, highlight) → `output` (printers). Only `commands` knows about
//! progress bars, counting and exit codes.
//!
//! ```
//! let ex = dossier::extract::extract("\"We are ready,\" Jane Roe said on March 3, 2020.", None);
//! assert_eq!(ex.quotes.len(), 1);
//! assert_eq!(ex.dates[0].value, "2020-03-03");
//! ```

pub mod analysis;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod dupes;
pub mod error;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod output;
pub mod progress;
pub mod quickwit;
pub mod search;
pub mod serve;

pub use commands::run;
