//! `total`: how many hits a search has in all, for paging (the web API's `total`).
//!
//! The hits collapse copies of a story into one article per near-duplicate cluster (unless
//! `all_copies`) and keep at most `per_article` passages of an article; the total counts the same
//! way without ranking every match: each article's matching passages (capped), and for a cluster
//! the count of its copy with the most. Copies carry the same text, so they match alike and the
//! total equals the number of hits a long enough page shows.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use tantivy::Searcher;

use super::{KeyHasher, SegmentDocs};
use crate::dupes::Clusters;
use crate::error::Result;
use crate::index::ARTICLE_FIELD;
use crate::search::Request;

type KeyMap = HashMap<u64, u64, BuildHasherDefault<KeyHasher>>;

/// The number of hits of `req` over its matching passages `docs`, collapsed as the hits are.
pub fn total(
    searcher: &Searcher,
    clusters: &Clusters,
    docs: &[SegmentDocs],
    req: &Request,
) -> Result<u64> {
    let passages: u64 = docs.iter().map(|s| s.docs.len() as u64).sum();
    if req.all_copies && req.per_article.is_none() {
        return Ok(passages);
    }
    let mut per_article = KeyMap::default();
    for s in docs {
        let column = searcher
            .segment_reader(s.segment)
            .fast_fields()
            .u64(ARTICLE_FIELD)?;
        for &doc in &s.docs {
            *per_article
                .entry(column.first(doc).unwrap_or_default())
                .or_default() += 1;
        }
    }
    let cap = req.per_article.map_or(u64::MAX, |n| n as u64);
    if req.all_copies {
        return Ok(per_article.values().map(|&n| n.min(cap)).sum());
    }
    let mut per_cluster = KeyMap::default();
    for (article, n) in per_article {
        let best = per_cluster.entry(clusters.key_of(article)).or_default();
        *best = (*best).max(n.min(cap));
    }
    Ok(per_cluster.values().sum())
}
