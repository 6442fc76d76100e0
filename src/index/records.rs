//! What the index remembers about the files it has read (one record document per file), and the
//! progress stored in each commit's payload. These make re-runs incremental and resumable.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::{Fields, KIND_FILE};
use crate::error::Result;

/// The state of one indexed file, as of the commit that indexed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Path as walked.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime_ns: u64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// Each article indexed from the file: its id and an xxh3 of its content and metadata.
    pub articles: Vec<(String, u64)>,
}

impl FileRecord {
    /// The record as a document.
    pub fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_FILE);
        doc.add_text(f.doc_id, record_id(&self.path));
        doc.add_text(f.record, serde_json::to_string(self).unwrap_or_default());
        doc
    }

    /// The term that identifies this file's record (for deleting it).
    pub fn term(f: &Fields, path: &str) -> Term {
        Term::from_field_text(f.doc_id, &record_id(path))
    }
}

/// The `doc_id` of a file's record: a NUL byte keeps it apart from any article id.
fn record_id(path: &str) -> String {
    format!("\u{0}file:{path}")
}

fn records_query(f: &Fields) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(f.kind, KIND_FILE),
        IndexRecordOption::Basic,
    )
}

/// Reads every file record of the index.
pub fn load_records(searcher: &tantivy::Searcher, f: &Fields) -> Result<Vec<FileRecord>> {
    let addrs = searcher.search(&records_query(f), &DocSetCollector)?;
    let mut out = Vec::with_capacity(addrs.len());
    for addr in addrs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if let Some(json) = doc.get_first(f.record).and_then(|v| v.as_str()) {
            if let Ok(r) = serde_json::from_str::<FileRecord>(json) {
                out.push(r);
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Number of file record documents (deleted ones left out), without reading them.
pub fn count_records(searcher: &tantivy::Searcher, f: &Fields) -> Result<u64> {
    Ok(searcher.search(&records_query(f), &Count)? as u64)
}

/// The article ids that may be in the index: those its segments held when the run started, and
/// those the run has added since, kept as their article keys (`article_key`, 16 bytes an article; a collision only costs
/// a needless delete). An article whose id is in neither cannot be in the index, so adding it
/// needs no delete first. That matters for memory: tantivy keeps each delete as a query weight of
/// about 1.2 KB (a scoring cache included) until every segment writer has seen it, which on a
/// first run over 226,000 articles held about 175 MB.
#[derive(Debug, Default)]
pub struct ArticleIds(HashSet<u64>);

impl ArticleIds {
    /// Every `doc_id` term of every segment of `searcher` (deleted documents' terms included:
    /// a superset is safe).
    pub fn of_index(searcher: &tantivy::Searcher, f: &Fields) -> Result<ArticleIds> {
        let mut ids = HashSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(f.doc_id)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                // The terms are the ids as written (borrowed, not copied, when valid UTF-8).
                ids.insert(super::article_key(&String::from_utf8_lossy(terms.key())));
            }
        }
        Ok(ArticleIds(ids))
    }

    /// Notes that `id` is being added; true when it may already be in the index (delete it first).
    pub fn add(&mut self, id: &str) -> bool {
        !self.0.insert(super::article_key(id))
    }
}

/// What a run had done when it committed, stored as the commit payload.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Schema version of the writer.
    pub schema: u32,
    /// Files of this run committed so far.
    pub files_done: u64,
    /// Files this run had to read.
    pub files_total: u64,
    /// True when the run finished (false for a periodic or interrupted commit).
    pub complete: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Store;

    #[test]
    fn article_ids_know_the_index_and_the_run() {
        let store = Store::in_memory();
        let mut w = store.index.writer_with_num_threads(1, 15 << 20).unwrap();
        let mut doc = TantivyDocument::default();
        doc.add_text(store.fields.doc_id, "kept");
        w.add_document(doc).unwrap();
        w.commit().unwrap();
        let mut ids = ArticleIds::of_index(&store.searcher().unwrap(), &store.fields).unwrap();
        assert!(ids.add("kept"), "an id in the index needs its delete");
        assert!(!ids.add("new"), "a new id needs none");
        assert!(
            ids.add("new"),
            "the same id again in one run replaces the first"
        );
    }
}
