//! Derived data kept beside the index (near-duplicate clusters, name statistics): computed from
//! what a searcher sees, saved under a fingerprint of its segments, recomputed when they change.
//! A folder that cannot be written only costs recomputing next time.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};
use tantivy::Searcher;

#[derive(Serialize, Deserialize)]
struct Cached<T> {
    version: u32,
    fingerprint: String,
    value: T,
}

/// Names the segments (and their deletions) a searcher sees, independent of their order.
pub fn fingerprint(searcher: &Searcher) -> String {
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

/// The value saved in `dir/file` for this version and fingerprint, if any.
pub fn load<T: DeserializeOwned>(
    dir: &Path,
    file: &str,
    version: u32,
    fingerprint: &str,
) -> Option<T> {
    let bytes = std::fs::read(dir.join(file)).ok()?;
    let cached: Cached<T> = serde_json::from_slice(&bytes).ok()?;
    (cached.version == version && cached.fingerprint == fingerprint).then_some(cached.value)
}

/// Saves `value` in `dir/file` (written aside, then renamed: readers never see half a file).
pub fn store<T: Serialize>(dir: &Path, file: &str, version: u32, fingerprint: &str, value: &T) {
    let cached = Cached {
        version,
        fingerprint: fingerprint.to_string(),
        value,
    };
    if let Ok(json) = serde_json::to_vec(&cached) {
        write_aside(dir, file, &json);
    }
}

/// Writes `bytes` to `dir/file` aside, then renames it: readers never see half a file. A folder
/// that cannot be written only costs recomputing next time.
pub fn write_aside(dir: &Path, file: &str, bytes: &[u8]) {
    let tmp = dir.join(format!("{file}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, dir.join(file)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `dir/file` mapped, for the binary tables kept beside the index; `None` when it cannot be read.
/// Mapped through tantivy's directory of the folder (not the index's, which would look for a
/// tantivy footer).
pub fn map(dir: &Path, file: &str) -> Option<OwnedBytes> {
    MmapDirectory::open(dir)
        .ok()?
        .open_read(Path::new(file))
        .ok()?
        .read_bytes()
        .ok()
}

/// The little-endian u32 at word `i` of `bytes`, when there is one.
pub fn read_word(bytes: &[u8], i: usize) -> Option<u32> {
    let b = bytes.get(i.checked_mul(4)?..i.checked_mul(4)?.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// `s` in N bytes: cut, or padded with spaces (fixed-size fields of those tables).
pub fn padded<const N: usize>(s: &str) -> [u8; N] {
    let mut out = [b' '; N];
    let n = s.len().min(N);
    out[..n].copy_from_slice(&s.as_bytes()[..n]);
    out
}

/// The words a binary table beside the index starts with: `magic`, `version` and `fingerprint`
/// (16 ASCII bytes, four words); six words in all.
pub fn table_header(magic: u32, version: u32, fingerprint: &str) -> Vec<u32> {
    let mut words = vec![magic, version];
    words.extend(as_words(&padded::<16>(fingerprint)));
    words
}

/// True when `bytes` start with [`table_header`]`(magic, version, fingerprint)`.
pub fn has_table_header(bytes: &[u8], magic: u32, version: u32, fingerprint: &str) -> bool {
    read_word(bytes, 0) == Some(magic)
        && read_word(bytes, 1) == Some(version)
        && bytes.get(8..24) == Some(&padded::<16>(fingerprint)[..])
}

/// A table's file: `words` little-endian, then `tail`.
pub fn table_bytes(words: &[u32], tail: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.len() * 4 + tail.len());
    for w in words {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(tail);
    out
}

/// `bytes` read as little-endian u32 words (a short tail left out).
pub fn as_words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}
