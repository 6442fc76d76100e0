//! Clusters of near-duplicate articles: the index's signatures in, article → cluster out.
//!
//! Articles are taken earliest first (date, then id), so the same content always gives the same
//! clusters and each cluster is named after its earliest article. Candidates come from LSH: the
//! signature is cut into [`BANDS`] bands of [`ROWS`] values; an article that agrees on a whole
//! band with an earlier one is compared with that article's cluster leader (its earliest member),
//! and joins the cluster when their estimated similarity is at least [`SIMILARITY`].
//!
//! The result is kept in the index folder as a [`Table`] under a fingerprint of the segments it
//! was computed from; a reader whose searcher sees other segments recomputes it.

use std::collections::HashMap;
use std::path::Path;

use tantivy::Searcher;

use super::signature::{Signature, HASHES};
use super::table::Table;
use crate::error::Result;
use crate::index::{self, cache, ARTICLE_FIELD, DATE_FIELD, DOC_ID_FIELD, SIGNATURE_FIELD};

/// Estimated Jaccard similarity of word 5-shingles to a cluster's leader at or above which an
/// article is a copy. At 0.75 two members of one cluster are at least 0.5 alike (Jaccard
/// distance obeys the triangle inequality: 0.25 + 0.25 from the leader).
pub const SIMILARITY: f64 = 0.75;
/// Values per LSH band.
const ROWS: usize = 4;
/// LSH bands: with 32 bands of 4, a pair at similarity 0.75 becomes a candidate with probability
/// 1 - (1 - 0.75^4)^32 > 0.9999, one at 0.3 with probability 0.23 (and is then rejected).
const BANDS: usize = HASHES / ROWS;

/// A group of two or more near-duplicate articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Id of the earliest article, which names the cluster.
    pub id: String,
    /// Article keys and ids, earliest first.
    pub members: Vec<(u64, String)>,
}

/// Which articles of an index are copies of one another.
#[derive(Debug, Default)]
pub struct Clusters {
    table: Table,
}

impl Clusters {
    /// The clusters of the index in `dir` as `searcher` sees it: from the saved table when it
    /// matches, else computed (and saved when the folder is writable).
    pub fn load(dir: &Path, searcher: &Searcher) -> Result<Clusters> {
        let fingerprint = cache::fingerprint(searcher);
        if let Some(table) = Table::load(dir, &fingerprint) {
            return Ok(Clusters { table });
        }
        let clusters = compute(dir, searcher)?;
        Ok(Clusters {
            table: Table::store(dir, &fingerprint, &clusters),
        })
    }

    /// The cluster of an article, when it has copies.
    pub fn cluster_of(&self, article: u64) -> Option<Cluster> {
        self.table
            .cluster_of(article)
            .map(|c| self.table.cluster(c))
    }

    /// A key shared by all copies of a story: the earliest member's article key (the article's
    /// own key when it has no copies).
    pub fn key_of(&self, article: u64) -> u64 {
        self.table
            .cluster_of(article)
            .and_then(|c| self.table.first_key(c))
            .unwrap_or(article)
    }

    /// [`Clusters::key_of`], and whether other articles share that key, in one lookup and
    /// without reading the members' ids (facets ask it for every matching article).
    pub fn key_shared(&self, article: u64) -> (u64, bool) {
        self.table
            .cluster_of(article)
            .and_then(|c| Some((self.table.first_key(c)?, self.table.size(c) > 1)))
            .unwrap_or((article, false))
    }

    /// Number of other articles in the article's cluster.
    pub fn copies_of(&self, article: u64) -> usize {
        self.table
            .cluster_of(article)
            .map_or(0, |c| self.table.size(c).saturating_sub(1))
    }

    /// Clusters of two or more articles, in the order computed (by earliest member).
    pub fn all(&self) -> impl Iterator<Item = Cluster> + '_ {
        (0..self.table.len()).map(|c| self.table.cluster(c))
    }
}

struct Entry {
    key: u64,
    id: String,
    day: Option<i64>,
    signature: Signature,
}

fn read_entries(dir: &Path, searcher: &Searcher) -> Result<Vec<Entry>> {
    let err = |e: tantivy::TantivyError| index::damaged(dir, e);
    let io = |source| crate::error::Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
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
        // (signature ordinal, id ordinal, key, day) of each live first passage; the terms are
        // then read from the dictionaries in one pass each.
        let mut rows = Vec::new();
        for doc in 0..reader.max_doc() {
            if reader.is_deleted(doc) {
                continue;
            }
            let Some(sig) = signatures.term_ords(doc).next() else {
                continue;
            };
            let (Some(key), Some(id)) = (keys.first(doc), ids.term_ords(doc).next()) else {
                continue;
            };
            let day = dates
                .first(doc)
                .map(|d| d.into_timestamp_secs().div_euclid(86_400));
            rows.push((sig, id, key, day));
        }
        let terms = |ords: Vec<u64>, column: &tantivy::columnar::BytesColumn| {
            let mut ords = ords;
            ords.sort_unstable();
            ords.dedup();
            let terms = crate::analysis::terms_of(column, &ords)?;
            Ok::<_, std::io::Error>(
                ords.into_iter()
                    .zip(terms)
                    .collect::<HashMap<u64, Vec<u8>>>(),
            )
        };
        let sig_terms = terms(rows.iter().map(|r| r.0).collect(), &signatures).map_err(io)?;
        let id_terms = terms(rows.iter().map(|r| r.1).collect(), &ids).map_err(io)?;
        for (sig, id, key, day) in rows {
            let Some(signature) = sig_terms.get(&sig).and_then(|b| Signature::from_bytes(b)) else {
                continue;
            };
            out.push(Entry {
                key,
                id: String::from_utf8_lossy(id_terms.get(&id).map_or(&[][..], Vec::as_slice))
                    .into_owned(),
                day,
                signature,
            });
        }
    }
    Ok(out)
}

fn compute(dir: &Path, searcher: &Searcher) -> Result<Vec<Cluster>> {
    let mut entries = read_entries(dir, searcher)?;
    // Earliest first: dated before undated, then by date, then by id.
    entries.sort_by(|a, b| (a.day.is_none(), a.day, &a.id).cmp(&(b.day.is_none(), b.day, &b.id)));
    // Leader clustering, earliest first: an article joins the cluster of an earlier candidate
    // when it is similar enough to that cluster's leader (its earliest article), the most similar
    // leader winning; otherwise it leads a cluster of its own. Comparing with the leader rather
    // than joining any similar pair keeps chains (A like B, B like C, A unlike C) from growing
    // one cluster out of template texts; every member is within the threshold of its leader.
    let n = entries.len();
    // For each article and band, the latest earlier article with the same band (u32::MAX: none),
    // found one band at a time so only one band's buckets are in memory: 128 bytes per article.
    const NONE: u32 = u32::MAX;
    let mut previous = vec![NONE; n * BANDS];
    let mut bucket: HashMap<u64, u32> = HashMap::with_capacity(n);
    for band in 0..BANDS {
        bucket.clear();
        for (i, e) in entries.iter().enumerate() {
            if let Some(p) = bucket.insert(band_hash(band, &e.signature), i as u32) {
                previous[i * BANDS + band] = p;
            }
        }
    }
    drop(bucket);
    let mut leader: Vec<u32> = (0..n as u32).collect();
    let mut candidates: Vec<u32> = Vec::with_capacity(BANDS);
    for (i, e) in entries.iter().enumerate() {
        candidates.clear();
        candidates.extend(
            previous[i * BANDS..(i + 1) * BANDS]
                .iter()
                .filter(|&&p| p != NONE)
                .map(|&p| leader[p as usize]),
        );
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .iter()
            .map(|&l| (e.signature.similarity(&entries[l as usize].signature), l))
            .filter(|(s, _)| *s >= SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, l)) = best {
            leader[i] = l;
        }
    }
    let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..entries.len() as u32 {
        groups.entry(leader[i as usize]).or_default().push(i);
    }
    let mut list: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
    for g in &mut list {
        g.sort_unstable();
    }
    list.sort_unstable_by_key(|g| g[0]);
    let clusters: Vec<Cluster> = list
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
    Ok(clusters)
}

/// The key of one LSH band of a signature.
fn band_hash(band: usize, signature: &Signature) -> u64 {
    let rows = &signature.0[band * ROWS..(band + 1) * ROWS];
    let mut bytes = [0u8; 2 + 2 * ROWS];
    bytes[..2].copy_from_slice(&(band as u16).to_le_bytes());
    for (k, v) in rows.iter().enumerate() {
        bytes[2 + 2 * k..4 + 2 * k].copy_from_slice(&v.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes)
}
