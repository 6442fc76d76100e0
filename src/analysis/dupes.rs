//! `dupes`: the near-duplicate clusters among the matching articles, largest first.
//!
//! In: the matching passages and the index's clusters. Out: one [`DupeRow`] per cluster with at
//! least two matching members (members are the cluster's whole membership, earliest first).

use std::collections::HashSet;

use serde::Serialize;
use tantivy::Searcher;

use super::SegmentDocs;
use crate::dupes::Clusters;
use crate::error::Result;
use crate::index::{self, Store, ARTICLE_FIELD};

/// The keys of [`DupeRow`], in order (CSV columns).
pub const COLUMNS: &[&str] = &["cluster", "size", "members"];

/// One cluster: the `dupes --format json` contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DupeRow {
    /// Id of the cluster's earliest article.
    pub cluster: String,
    /// Number of articles in the cluster.
    pub size: usize,
    /// Article ids, earliest first.
    pub members: Vec<String>,
}

/// Clusters that hold a matching article, largest first (then by id).
pub fn dupes(store: &Store, searcher: &Searcher, docs: &[SegmentDocs]) -> Result<Vec<DupeRow>> {
    let clusters = Clusters::load(&store.dir, searcher)?;
    let mut matched = HashSet::new();
    for seg in docs {
        let keys = searcher
            .segment_reader(seg.segment)
            .fast_fields()
            .u64(ARTICLE_FIELD)
            .map_err(|e| index::damaged(&store.dir, e))?;
        for &doc in &seg.docs {
            if let Some(k) = keys.first(doc) {
                matched.insert(k);
            }
        }
    }
    let mut out: Vec<DupeRow> = clusters
        .all()
        .filter(|c| c.members.iter().any(|(k, _)| matched.contains(k)))
        .map(|c| DupeRow {
            size: c.members.len(),
            members: c.members.into_iter().map(|(_, id)| id).collect(),
            cluster: c.id,
        })
        .collect();
    out.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.cluster.cmp(&b.cluster)));
    Ok(out)
}
