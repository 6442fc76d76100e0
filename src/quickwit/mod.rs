//! dossier as the front end and loader of a Quickwit cluster: the same passages, query language
//! and answers as the local index, on many machines.
//!
//! `config` writes the index config (the doc mapping of the passage documents), `docs` the
//! documents themselves from the local index, `translate` turns a query and its filters into
//! Quickwit's query language (a pure function), `client` speaks to one node over HTTP, `push`
//! sends an export in resumable batches, `search` answers a request with the local hit type, `facets`, `timeline`
//! and `quotes` the analysis views.
//! Only `commands` knows about flags, progress and exit codes.

pub mod article;
pub mod client;
pub mod config;
pub mod docs;
pub mod facets;
pub mod push;
pub mod quotes;
pub mod search;
pub mod stats;
pub mod timeline;
pub mod translate;
