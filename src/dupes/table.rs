//! The near-duplicate clusters as a flat table kept beside the index (`dossier-clusters.bin`),
//! looked up in place: a search asks for the clusters of its ten hits, and reading a table is one
//! mapped file whatever the number of clusters. (Parsing the JSON list it replaces took 3.7 M
//! instructions of a search's 18.6 M on four times the bench corpus, and grew with it.)
//!
//! File: little-endian u32 words, then the ids' bytes: `MAGIC, VERSION, fingerprint (16 ASCII
//! bytes), clusters, members`; per member, sorted by article key: `key (2 words), cluster`; per
//! cluster the first of its members in the member list (one more entry at the end); per member,
//! clusters in order and each earliest first: `key (2 words), start of its id`; the end of the
//! last id; the ids' bytes. A file that is not whole or not for these segments is never used.

use std::path::Path;

use tantivy::directory::OwnedBytes;

use super::clusters::Cluster;
use crate::index::cache::{self, read_word};

/// Cache file in the index folder.
pub const CLUSTERS_FILE: &str = "dossier-clusters.bin";
/// The JSON list earlier versions kept instead (removed when a table is saved).
pub const LEGACY_CLUSTERS_FILE: &str = "dossier-clusters.json";
const MAGIC: u32 = u32::from_le_bytes(*b"DCLT");
const VERSION: u32 = 1;
const HEADER_WORDS: usize = 8;

/// The clusters of one index, in the file's layout.
#[derive(Debug)]
pub struct Table {
    bytes: OwnedBytes,
    clusters: usize,
    members: usize,
    starts: usize,
    list: usize,
    ids: usize,
}

impl Default for Table {
    fn default() -> Table {
        Table::parse(OwnedBytes::new(encode("", &[])), "").expect("the empty table reads back")
    }
}

impl Table {
    /// The table saved in `dir` for `fingerprint`, when there is a whole one.
    pub fn load(dir: &Path, fingerprint: &str) -> Option<Table> {
        Table::parse(cache::map(dir, CLUSTERS_FILE)?, fingerprint)
    }

    /// The table of `clusters`, saved in `dir` under `fingerprint` (when the folder can be
    /// written: otherwise the next reader computes it again).
    pub fn store(dir: &Path, fingerprint: &str, clusters: &[Cluster]) -> Table {
        let bytes = encode(fingerprint, clusters);
        cache::write_aside(dir, CLUSTERS_FILE, &bytes);
        let _ = std::fs::remove_file(dir.join(LEGACY_CLUSTERS_FILE));
        Table::parse(OwnedBytes::new(bytes), fingerprint).unwrap_or_default()
    }

    /// The table in `bytes` when it is whole and made for `fingerprint`.
    fn parse(bytes: OwnedBytes, fingerprint: &str) -> Option<Table> {
        let word = |i: usize| read_word(&bytes, i);
        if !cache::has_table_header(&bytes, MAGIC, VERSION, fingerprint) {
            return None;
        }
        let (clusters, members) = (word(6)? as usize, word(7)? as usize);
        let starts = HEADER_WORDS.checked_add(members.checked_mul(3)?)?;
        let list = starts.checked_add(clusters + 1)?;
        let ids = list.checked_add(members.checked_mul(3)?)?.checked_add(1)?;
        let id_bytes = word(ids - 1)? as usize;
        if bytes.len() != ids.checked_mul(4)?.checked_add(id_bytes)? {
            return None;
        }
        let table = Table {
            bytes,
            clusters,
            members,
            starts,
            list,
            ids,
        };
        table.is_consistent().then_some(table)
    }

    /// Every offset in range and in order, the lookup sorted, the ids UTF-8 (so lookups need no
    /// checks beyond the slices' own).
    fn is_consistent(&self) -> bool {
        let text = &self.bytes[self.ids * 4..];
        let Ok(text) = std::str::from_utf8(text) else {
            return false;
        };
        let mut previous = 0;
        for c in 0..=self.clusters {
            match self.word(self.starts + c) {
                Some(s) if s as usize >= previous && s as usize <= self.members => {
                    previous = s as usize
                }
                _ => return false,
            }
        }
        if self.word(self.starts) != Some(0) || previous != self.members {
            return false;
        }
        let mut previous = 0;
        for m in 0..self.members {
            match self.word(self.list + 3 * m + 2) {
                Some(s) if s as usize >= previous && text.is_char_boundary(s as usize) => {
                    previous = s as usize
                }
                _ => return false,
            }
        }
        let mut last_key = None;
        for m in 0..self.members {
            let (Some(key), Some(cluster)) = (
                self.key(HEADER_WORDS + 3 * m),
                self.word(HEADER_WORDS + 3 * m + 2),
            ) else {
                return false;
            };
            if cluster as usize >= self.clusters || last_key.is_some_and(|k| k > key) {
                return false;
            }
            last_key = Some(key);
        }
        true
    }

    fn word(&self, i: usize) -> Option<u32> {
        read_word(&self.bytes, i)
    }

    fn key(&self, i: usize) -> Option<u64> {
        Some(u64::from(self.word(i)?) | u64::from(self.word(i + 1)?) << 32)
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.clusters
    }

    /// The cluster holding the article with `key`.
    pub fn cluster_of(&self, key: u64) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.members);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = HEADER_WORDS + 3 * mid;
            match self.key(at)?.cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.word(at + 2)? as usize),
            }
        }
        None
    }

    /// The members of cluster `c` (positions in the member list).
    fn members_of(&self, c: usize) -> std::ops::Range<usize> {
        let start = self.word(self.starts + c).unwrap_or(0) as usize;
        let end = self.word(self.starts + c + 1).unwrap_or(0) as usize;
        start..end.max(start)
    }

    /// Number of articles in cluster `c`.
    pub fn size(&self, c: usize) -> usize {
        self.members_of(c).len()
    }

    /// The article key of cluster `c`'s earliest member.
    pub fn first_key(&self, c: usize) -> Option<u64> {
        self.key(self.list + 3 * self.members_of(c).start)
    }

    fn id(&self, m: usize) -> &str {
        let start = self.word(self.list + 3 * m + 2).unwrap_or(0) as usize;
        let end = if m + 1 < self.members {
            self.word(self.list + 3 * (m + 1) + 2)
        } else {
            self.word(self.ids - 1)
        }
        .unwrap_or(0) as usize;
        let text = &self.bytes[self.ids * 4..];
        std::str::from_utf8(text.get(start..end).unwrap_or_default()).unwrap_or_default()
    }

    /// Cluster `c` with its members' keys and ids, earliest first.
    pub fn cluster(&self, c: usize) -> Cluster {
        let members: Vec<(u64, String)> = self
            .members_of(c)
            .map(|m| {
                let key = self.key(self.list + 3 * m).unwrap_or(0);
                (key, self.id(m).to_string())
            })
            .collect();
        Cluster {
            id: members.first().map(|m| m.1.clone()).unwrap_or_default(),
            members,
        }
    }
}

/// The file's bytes for `clusters` (each earliest first) and `fingerprint`.
fn encode(fingerprint: &str, clusters: &[Cluster]) -> Vec<u8> {
    let members: usize = clusters.iter().map(|c| c.members.len()).sum();
    let mut words = cache::table_header(MAGIC, VERSION, fingerprint);
    words.extend([clusters.len() as u32, members as u32]);
    let mut lookup: Vec<(u64, u32)> = clusters
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.members.iter().map(move |(k, _)| (*k, i as u32)))
        .collect();
    lookup.sort_unstable();
    for (key, c) in lookup {
        words.extend([key as u32, (key >> 32) as u32, c]);
    }
    let mut start = 0u32;
    for c in clusters {
        words.push(start);
        start += c.members.len() as u32;
    }
    words.push(start);
    let mut text = Vec::new();
    for c in clusters {
        for (key, id) in &c.members {
            words.extend([*key as u32, (key >> 32) as u32, text.len() as u32]);
            text.extend_from_slice(id.as_bytes());
        }
    }
    words.push(text.len() as u32);
    cache::table_bytes(&words, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(members: &[(u64, &str)]) -> Cluster {
        Cluster {
            id: members[0].1.to_string(),
            members: members.iter().map(|(k, id)| (*k, id.to_string())).collect(),
        }
    }

    fn sample() -> Vec<Cluster> {
        vec![
            cluster(&[(90, "a-1"), (7, "b-2"), (1 << 40, "c-3")]),
            cluster(&[(5, "d-4"), (300, "é-5")]),
        ]
    }

    #[test]
    fn the_table_reads_back_what_was_written() {
        let list = sample();
        let t = Table::parse(OwnedBytes::new(encode("f1", &list)), "f1").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!((0..2).map(|c| t.cluster(c)).collect::<Vec<_>>(), list);
        assert_eq!(t.cluster_of(1 << 40), Some(0));
        assert_eq!(t.cluster_of(300), Some(1));
        assert_eq!(t.cluster_of(6), None);
        assert_eq!(t.first_key(1), Some(5));
        assert_eq!(t.size(0), 3);
        assert_eq!(Table::default().len(), 0);
        assert_eq!(Table::default().cluster_of(5), None);
    }

    #[test]
    fn another_fingerprint_or_a_damaged_file_is_not_used() {
        let bytes = encode("f1", &sample());
        assert!(Table::parse(OwnedBytes::new(bytes.clone()), "f2").is_none());
        assert!(Table::parse(OwnedBytes::new(bytes[..bytes.len() - 1].to_vec()), "f1").is_none());
        // Every single flipped byte: refused, or read without a panic.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x41;
            if let Some(t) = Table::parse(OwnedBytes::new(b), "f1") {
                for c in 0..t.len() {
                    let _ = t.cluster(c);
                }
                for k in [5, 7, 90, 300, 1 << 40, 12345] {
                    let _ = t.cluster_of(k);
                }
            }
        }
    }
}
