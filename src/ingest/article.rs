//! An article as read from a file, before extraction: what every reader in `ingest` produces.

use crate::extract::types::CivilDate;

/// One article as read from a file, before extraction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the `id` the source gives, else derived from the path and position.
    pub id: String,
    /// Title, possibly empty.
    pub title: String,
    /// Publication date, when known.
    pub date: Option<CivilDate>,
    /// Publisher or outlet, possibly empty.
    pub source: String,
    /// Address of the original, possibly empty.
    pub url: String,
    /// Author(s), possibly empty.
    pub author: String,
    /// Body text, paragraphs separated by blank lines or newlines.
    pub text: String,
    /// The file it came from, as walked.
    pub path: String,
    /// 1-based line number within a JSON Lines file, 0 otherwise.
    pub line: usize,
    /// For paged documents (PDF): the byte offset in `text` where each page starts; empty
    /// otherwise.
    pub pages: Vec<usize>,
}
