//! Clusters of near-duplicate articles: the index's signatures in, article → cluster out.
//!
//! Articles are taken earliest first (date, then id), so the same content always gives the same
//! clusters and each cluster is named after its earliest article. Candidates come from LSH: the
//! signature is cut into [`BANDS`] bands of [`ROWS`] values, and two articles that agree on a
//! whole band are compared; they join when their estimated similarity is at least
//! [`SIMILARITY`]. One band is bucketed at a time, so memory stays at one entry per article.
//!
//! The result is cached in [`CLUSTERS_FILE`] in the index folder with a fingerprint of the
//! segments it was computed from; a reader whose searcher sees other segments recomputes it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Searcher;

use super::signature::{Signature, HASHES};
use crate::error::Result;
use crate::index::{self, ARTICLE_FIELD, DATE_FIELD, DOC_ID_FIELD, SIGNATURE_FIELD};

/// Cache file in the index folder.
pub const CLUSTERS_FILE: &str = "dossier-clusters.json";
/// Estimated Jaccard similarity of word 5-shingles at or above which two articles are copies.
pub const SIMILARITY: f64 = 0.7;
/// Values per LSH band.
const ROWS: usize = 4;
/// LSH bands: with 32 bands of 4, a pair at similarity 0.7 becomes a candidate with probability
/// 1 - (1 - 0.7^4)^32 > 0.9999, one at 0.3 with probability 0.23 (and is then rejected).
const BANDS: usize = HASHES / ROWS;
const CACHE_VERSION: u32 = 1;

/// A group of two or more near-duplicate articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Id of the earliest article, which names the cluster.
    pub id: String,
    /// Article keys and ids, earliest first.
    pub members: Vec<(u64, String)>,
}

/// Which articles of an index are copies of one another.
#[derive(Debug, Default)]
pub struct Clusters {
    clusters: Vec<Cluster>,
    /// Article key → index into `clusters`, for articles in a cluster of two or more.
    of: HashMap<u64, u32>,
}

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    fingerprint: String,
    clusters: Vec<Cluster>,
}

impl Clusters {
    /// The clusters of the index in `dir` as `searcher` sees it: from the cache when it matches,
    /// else computed (and cached when the folder is writable).
    pub fn load(dir: &Path, searcher: &Searcher) -> Result<Clusters> {
        let fingerprint = fingerprint(searcher);
        let path = dir.join(CLUSTERS_FILE);
        if let Ok(bytes) = std::fs::read(&path) {
            if let Ok(cache) = serde_json::from_slice::<Cache>(&bytes) {
                if cache.version == CACHE_VERSION && cache.fingerprint == fingerprint {
                    return Ok(Clusters::from_list(cache.clusters));
                }
            }
        }
        let clusters = compute(dir, searcher)?;
        let cache = Cache {
            version: CACHE_VERSION,
            fingerprint,
            clusters: clusters.clusters.clone(),
        };
        // A read-only index still answers; it only recomputes next time.
        let tmp = dir.join(format!("{CLUSTERS_FILE}.{}.tmp", std::process::id()));
        if let Ok(json) = serde_json::to_vec(&cache) {
            if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &path).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        Ok(clusters)
    }

    fn from_list(clusters: Vec<Cluster>) -> Clusters {
        let mut of = HashMap::new();
        for (i, c) in clusters.iter().enumerate() {
            for (key, _) in &c.members {
                of.insert(*key, i as u32);
            }
        }
        Clusters { clusters, of }
    }

    /// The cluster of an article, when it has copies.
    pub fn cluster_of(&self, article: u64) -> Option<&Cluster> {
        self.of.get(&article).map(|&i| &self.clusters[i as usize])
    }

    /// A key shared by all copies of a story: the earliest member's article key (the article's
    /// own key when it has no copies).
    pub fn key_of(&self, article: u64) -> u64 {
        self.cluster_of(article).map_or(article, |c| c.members[0].0)
    }

    /// Number of other articles in the article's cluster.
    pub fn copies_of(&self, article: u64) -> usize {
        self.cluster_of(article).map_or(0, |c| c.members.len() - 1)
    }

    /// Clusters of two or more articles, in the order computed (by earliest member).
    pub fn all(&self) -> &[Cluster] {
        &self.clusters
    }
}

/// Names the segments (and their deletions) a searcher sees, independent of their order.
fn fingerprint(searcher: &Searcher) -> String {
    let mut parts: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r.segment_id().uuid_string(),
                r.max_doc(),
                r.num_deleted_docs()
            )
        })
        .collect();
    parts.sort();
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(parts.join(",").as_bytes())
    )
}

struct Entry {
    key: u64,
    id: String,
    day: Option<i64>,
    signature: Signature,
}

fn read_entries(dir: &Path, searcher: &Searcher) -> Result<Vec<Entry>> {
    let err = |e: tantivy::TantivyError| index::damaged(dir, e);
    let mut out = Vec::new();
    let mut bytes = Vec::new();
    let mut id = String::new();
    for reader in searcher.segment_readers() {
        let fast = reader.fast_fields();
        let Some(signatures) = fast.bytes(SIGNATURE_FIELD).map_err(err)? else {
            continue;
        };
        let Some(ids) = fast.str(DOC_ID_FIELD).map_err(err)? else {
            continue;
        };
        let keys = fast.u64(ARTICLE_FIELD).map_err(err)?;
        let dates = fast.date(DATE_FIELD).map_err(err)?;
        for doc in 0..reader.max_doc() {
            if reader.is_deleted(doc) {
                continue;
            }
            let Some(ord) = signatures.term_ords(doc).next() else {
                continue;
            };
            bytes.clear();
            let _ = signatures.ord_to_bytes(ord, &mut bytes);
            let Some(signature) = Signature::from_bytes(&bytes) else {
                continue;
            };
            let (Some(key), Some(id_ord)) = (keys.first(doc), ids.term_ords(doc).next()) else {
                continue;
            };
            id.clear();
            let _ = ids.ord_to_str(id_ord, &mut id);
            out.push(Entry {
                key,
                id: id.clone(),
                day: dates
                    .first(doc)
                    .map(|d| d.into_timestamp_secs().div_euclid(86_400)),
                signature,
            });
        }
    }
    Ok(out)
}

fn compute(dir: &Path, searcher: &Searcher) -> Result<Clusters> {
    let mut entries = read_entries(dir, searcher)?;
    // Earliest first: dated before undated, then by date, then by id.
    entries.sort_by(|a, b| (a.day.is_none(), a.day, &a.id).cmp(&(b.day.is_none(), b.day, &b.id)));
    let mut parent: Vec<u32> = (0..entries.len() as u32).collect();
    let mut bucket: HashMap<u64, (u32, u32)> = HashMap::with_capacity(entries.len());
    for band in 0..BANDS {
        bucket.clear();
        for (i, e) in entries.iter().enumerate() {
            let i = i as u32;
            let rows = &e.signature.0[band * ROWS..(band + 1) * ROWS];
            let mut h = band as u64;
            for &v in rows {
                h = (h << 16) ^ u64::from(v) ^ (h >> 48);
            }
            let h = xxhash_rust::xxh3::xxh3_64(&h.to_le_bytes());
            match bucket.get_mut(&h) {
                None => {
                    bucket.insert(h, (i, i));
                }
                Some((first, last)) => {
                    // The first member of the bucket and the one before this: copies of one story
                    // share many bands, so comparing with two members finds them.
                    for other in [*first, *last] {
                        if find(&mut parent, other) != find(&mut parent, i)
                            && e.signature.similarity(&entries[other as usize].signature)
                                >= SIMILARITY
                        {
                            union(&mut parent, other, i);
                        }
                    }
                    *last = i;
                }
            }
        }
    }
    let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..entries.len() as u32 {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut list: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
    for g in &mut list {
        g.sort_unstable();
    }
    list.sort_unstable_by_key(|g| g[0]);
    let clusters = list
        .into_iter()
        .map(|g| {
            let members: Vec<(u64, String)> = g
                .iter()
                .map(|&i| (entries[i as usize].key, entries[i as usize].id.clone()))
                .collect();
            Cluster {
                id: members[0].1.clone(),
                members,
            }
        })
        .collect();
    Ok(Clusters::from_list(clusters))
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let up = parent[parent[i as usize] as usize];
        parent[i as usize] = up;
        i = up;
    }
    i
}

/// Joins two sets; the root is the smaller index (the earlier article).
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi as usize] = lo;
    }
}
