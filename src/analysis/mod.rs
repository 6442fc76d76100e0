//! Views of the whole matching set rather than its best passages: counts by actor, speaker,
//! source or period (`facets`), counts over time (`timeline`), the quotations themselves
//! (`quotes`), near-duplicate clusters (`dupes`) and the matching articles as data (`export`).
//!
//! Each view takes the same [`Request`] as `search` (query and filters, through
//! [`crate::search::matching`]), collects the matching passages with [`matching_docs`], and reads
//! fast fields to count; only `quotes` and `export` read stored documents. Articles are counted
//! once per near-duplicate cluster unless `all_copies` is set ([`ArticleKeys`]).

pub mod dupes;
pub mod export;
pub mod facets;
pub mod name_table;
pub mod names;
pub mod quotes;
pub mod timeline;
pub mod total;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::dupes::Clusters;
use crate::error::Result;
use crate::index::Store;
use crate::search::{self, Request};

/// The matching passages of one segment, in document order.
pub struct SegmentDocs {
    /// Which segment of the searcher.
    pub segment: SegmentOrdinal,
    /// Matching documents, ascending.
    pub docs: Vec<DocId>,
}

/// Every passage matching `req` (its query and filters; limit, sort and paging are ignored).
pub fn matching_docs(
    store: &Store,
    searcher: &Searcher,
    req: &Request,
) -> Result<Vec<SegmentDocs>> {
    let m = search::matching(store, req)?;
    every_match(searcher, &m.query)
}

/// The passages of the article with the id `id`: none when there is no such article (a file's
/// record carries a control character in its id, so an id with one is no article's).
pub fn article_passages(store: &Store, searcher: &Searcher, id: &str) -> Result<Vec<SegmentDocs>> {
    if id.chars().any(char::is_control) {
        return Ok(Vec::new());
    }
    let query = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(store.fields.doc_id, id),
        tantivy::schema::IndexRecordOption::Basic,
    );
    every_match(searcher, &query)
}

fn every_match(searcher: &Searcher, query: &dyn tantivy::query::Query) -> Result<Vec<SegmentDocs>> {
    let mut found = searcher.search(query, &AllDocs)?;
    found.sort_by_key(|s| s.segment);
    for s in &mut found {
        s.docs.sort_unstable();
    }
    Ok(found)
}

/// How an article is counted: by itself (`all_copies`) or by its near-duplicate cluster.
pub struct ArticleKeys {
    clusters: Option<Clusters>,
}

impl ArticleKeys {
    /// Counts clusters unless `all_copies`.
    pub fn new(store: &Store, searcher: &Searcher, all_copies: bool) -> Result<ArticleKeys> {
        Ok(ArticleKeys {
            clusters: if all_copies {
                None
            } else {
                Some(Clusters::load(&store.dir, searcher)?)
            },
        })
    }

    /// The key an article is counted under.
    pub fn key(&self, article: u64) -> u64 {
        self.clusters
            .as_ref()
            .map_or(article, |c| c.key_of(article))
    }

    /// The key an article is counted under, and whether other articles share it (copies of its
    /// cluster).
    pub fn key_shared(&self, article: u64) -> (u64, bool) {
        self.clusters
            .as_ref()
            .map_or((article, false), |c| c.key_shared(article))
    }
}

/// Collects every matching document id (no scores).
struct AllDocs;

impl Collector for AllDocs {
    type Fruit = Vec<SegmentDocs>;
    type Child = AllSegmentDocs;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(AllSegmentDocs(SegmentDocs {
            segment,
            docs: Vec::new(),
        }))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentDocs>) -> tantivy::Result<Vec<SegmentDocs>> {
        Ok(fruits.into_iter().filter(|s| !s.docs.is_empty()).collect())
    }
}

struct AllSegmentDocs(SegmentDocs);

impl SegmentCollector for AllSegmentDocs {
    type Fruit = SegmentDocs;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.0.docs.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.0.docs.extend_from_slice(docs);
    }

    fn harvest(self) -> SegmentDocs {
        self.0
    }
}

/// The terms of a dictionary-encoded fast column (a `str` or `bytes` column) for `ords`, which
/// must be sorted and distinct: one `Vec<u8>` per ordinal, in order. The dictionary is read block
/// by block, once; looking ordinals up one at a time would decompress a block for each.
pub fn terms_of(
    column: &tantivy::columnar::BytesColumn,
    ords: &[u64],
) -> std::io::Result<Vec<Vec<u8>>> {
    let mut out = Vec::with_capacity(ords.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(ords, |t| out.push(t.to_vec()))?;
    Ok(out)
}

/// For each term ordinal of `column` that a document of `docs` uses, `value` of its term (None for
/// the ordinals no matching document uses): a table the counting loop indexes by ordinal. The
/// terms are read block by block, once.
pub fn per_ordinal<T: Clone>(
    store: &Store,
    column: &tantivy::columnar::BytesColumn,
    docs: &[DocId],
    mut value: impl FnMut(&str) -> Option<T>,
) -> Result<Vec<Option<T>>> {
    let mut used = vec![false; column.num_terms()];
    for &doc in docs {
        for ord in column.term_ords(doc) {
            used[ord as usize] = true;
        }
    }
    let ords: Vec<u64> = (0..used.len() as u64)
        .filter(|&o| used[o as usize])
        .collect();
    let terms = terms_of(column, &ords).map_err(|source| crate::error::Error::Io {
        path: store.dir.clone(),
        source,
    })?;
    let mut table = vec![None; column.num_terms()];
    for (ord, term) in ords.iter().zip(terms) {
        table[*ord as usize] = value(&String::from_utf8_lossy(&term));
    }
    Ok(table)
}

/// A fast hasher for the u64 keys of article and cluster sets (already well mixed: xxh3).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A set of article or cluster keys.
pub type KeySet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use crate::output::csv::keys_of;

    /// CSV columns are the JSON keys, in order.
    #[test]
    fn csv_columns_are_the_json_keys() {
        let facet = super::facets::Facet {
            value: String::new(),
            articles: 0,
            passages: 0,
            share: 0.0,
        };
        assert_eq!(keys_of(&facet), super::facets::COLUMNS);
        let point = super::timeline::Point {
            query: String::new(),
            period: String::new(),
            articles: 0,
            passages: 0,
        };
        assert_eq!(keys_of(&point), super::timeline::COLUMNS);
        let quote = super::quotes::QuoteRow {
            text: String::new(),
            speaker: None,
            date: None,
            title: String::new(),
            source: String::new(),
            doc_id: String::new(),
            copies: 0,
        };
        assert_eq!(keys_of(&quote), super::quotes::COLUMNS);
        let dupe = super::dupes::DupeRow {
            cluster: String::new(),
            size: 0,
            members: Vec::new(),
        };
        assert_eq!(keys_of(&dupe), super::dupes::COLUMNS);
    }
}
