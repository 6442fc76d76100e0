//! The writer of `index` runs: tantivy's index writer behind a bound on the documents waiting for
//! its indexing threads.
//!
//! tantivy queues up to 10,000 operation groups between the caller and its indexing threads, and
//! dossier sends one group per article, so up to 10,000 articles' passages (about 180 MB on the
//! bench corpus) could wait there whenever extraction ran ahead, on top of the writer's own memory
//! budget. Every document goes in wrapped as a [`Queued`], which counts itself out of a gauge
//! when the indexing thread is done with it and drops it, so the caller waits before sending more
//! than the gauge's limit.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tantivy::indexer::UserOperation;
use tantivy::schema::document::Document;
use tantivy::{IndexWriter, Opstamp, TantivyDocument, Term};

/// Passages that may wait for the indexing threads (about 20 MB on the bench corpus): several
/// times what two threads index while the next batch is extracted.
pub const QUEUED_PASSAGES: usize = 8192;

/// How long the caller waits without a single document being indexed before sending anyway:
/// a writer whose threads have failed frees nothing, and its next operation reports why.
const STALL: Duration = Duration::from_secs(30);

/// How many documents are on their way to the indexing threads.
#[derive(Debug)]
struct Gauge {
    waiting: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Gauge {
    fn release(&self) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        *waiting = waiting.saturating_sub(1);
        self.freed.notify_one();
    }

    /// Waits until `n` more documents fit under the limit (a group larger than the limit waits
    /// for an empty queue), then counts them in.
    fn admit(&self, n: usize) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        let mut last_move = (Instant::now(), *waiting);
        while *waiting > 0 && *waiting + n > self.limit {
            if *waiting < last_move.1 {
                last_move = (Instant::now(), *waiting);
            } else if last_move.0.elapsed() >= STALL {
                break;
            }
            waiting = self
                .freed
                .wait_timeout(waiting, Duration::from_secs(1))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        *waiting += n;
    }
}

/// A document on its way to the indexing threads; dropping it (once indexed) frees its place.
pub struct Queued {
    doc: TantivyDocument,
    gauge: Arc<Gauge>,
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.gauge.release();
    }
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// tantivy's writer with the gauge its documents count in.
pub struct Writer {
    inner: IndexWriter<Queued>,
    gauge: Arc<Gauge>,
}

impl Writer {
    pub(super) fn new(inner: IndexWriter<Queued>, limit: usize) -> Writer {
        Writer {
            inner,
            gauge: Arc::new(Gauge {
                waiting: Mutex::new(0),
                freed: Condvar::new(),
                limit: limit.max(1),
            }),
        }
    }

    /// Adds one article's passages as one group, after deleting `delete` (its id, when the index
    /// may hold it already): contiguous opstamps, and the passages land together in one segment,
    /// in order. Fails only when the writer's threads are gone.
    pub fn add_article(
        &mut self,
        delete: Option<Term>,
        docs: Vec<TantivyDocument>,
    ) -> Result<Opstamp, tantivy::TantivyError> {
        self.gauge.admit(docs.len());
        let mut ops = Vec::with_capacity(docs.len() + 1);
        ops.extend(delete.map(UserOperation::Delete));
        ops.extend(docs.into_iter().map(|doc| {
            UserOperation::Add(Queued {
                doc,
                gauge: Arc::clone(&self.gauge),
            })
        }));
        self.inner.run(ops)
    }

    /// Adds one document on its own (a file's record).
    pub fn add_document(&mut self, doc: TantivyDocument) -> Result<Opstamp, tantivy::TantivyError> {
        self.gauge.admit(1);
        self.inner.add_document(Queued {
            doc,
            gauge: Arc::clone(&self.gauge),
        })
    }

    /// Deletes every document holding `term`.
    pub fn delete_term(&mut self, term: Term) {
        self.inner.delete_term(term);
    }

    /// The writer itself, for committing.
    pub fn tantivy(&mut self) -> &mut IndexWriter<Queued> {
        &mut self.inner
    }

    /// Waits for the merges to finish (the writer is gone after this).
    pub fn wait_merging_threads(self) -> tantivy::Result<()> {
        self.inner.wait_merging_threads()
    }

    /// Documents sent and not yet indexed.
    #[cfg(test)]
    fn waiting(&self) -> usize {
        *self.gauge.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Store;

    fn passage(store: &Store, id: &str, text: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(store.fields.doc_id, id);
        doc.add_text(store.fields.text, text);
        doc
    }

    fn writer(store: &Store, limit: usize) -> Writer {
        Writer::new(
            store.index.writer_with_num_threads(1, 15 << 20).unwrap(),
            limit,
        )
    }

    fn count(store: &Store) -> u64 {
        store.searcher().unwrap().num_docs()
    }

    #[test]
    fn queued_documents_stay_under_the_limit() {
        let store = Store::in_memory();
        let mut w = writer(&store, 3);
        for i in 0..400 {
            let id = format!("a{i}");
            let docs = vec![passage(&store, &id, "one"), passage(&store, &id, "two")];
            w.add_article(None, docs).unwrap();
            assert!(w.waiting() <= 3, "{} documents waiting", w.waiting());
        }
        w.tantivy().commit().unwrap();
        assert_eq!(w.waiting(), 0, "indexed documents still counted");
        assert_eq!(count(&store), 800);
    }

    #[test]
    fn a_group_larger_than_the_limit_goes_in_whole() {
        let store = Store::in_memory();
        let mut w = writer(&store, 2);
        let docs = (0..5)
            .map(|i| passage(&store, "big", &format!("p{i}")))
            .collect();
        w.add_article(None, docs).unwrap();
        w.add_document(passage(&store, "small", "x")).unwrap();
        w.tantivy().commit().unwrap();
        assert_eq!(count(&store), 6);
    }

    #[test]
    fn the_delete_of_a_group_replaces_an_earlier_copy() {
        let store = Store::in_memory();
        let mut w = writer(&store, 8);
        let id = Term::from_field_text(store.fields.doc_id, "same");
        w.add_article(None, vec![passage(&store, "same", "first")])
            .unwrap();
        w.add_article(Some(id), vec![passage(&store, "same", "second")])
            .unwrap();
        w.tantivy().commit().unwrap();
        assert_eq!(count(&store), 1);
    }
}
