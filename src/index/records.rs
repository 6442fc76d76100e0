//! What the index remembers about the files it has read (one record document per file), and the
//! progress stored in each commit's payload. These make re-runs incremental and resumable.

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
