//! The corpus statistic behind repeated-line boilerplate, read from the index itself: each
//! article's first passage carries the keys of its short lines (`line_key`), so a key's live
//! document count is the number of articles of its source with that line, whatever runs or
//! merges built the index. An article is stale when the keys it was extracted with as repeated
//! (`skip_key`) differ from what the counts say now; `dossier index` and `merge` extract stale
//! articles again, so every way of building an index settles on the answer of one run.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, SegmentReader, TantivyDocument, Term, TERMINATED};

use super::{damaged, Store};
use crate::clean::{threshold, REPEATED_IN};
use crate::error::{Error, Result};

/// Present in an index built with `--keep-boilerplate` (nothing skipped).
pub const KEEP_FILE: &str = "dossier-keep-boilerplate";

/// Whether the index in `dir` keeps boilerplate.
pub fn keeps_boilerplate(dir: &Path) -> bool {
    dir.join(KEEP_FILE).is_file()
}

/// Records how the index in `dir` treats boilerplate; refuses to change an index built the other
/// way, whose articles would mix both.
pub fn set_boilerplate_mode(dir: &Path, keep: bool, fresh: bool) -> Result<()> {
    let now = keeps_boilerplate(dir);
    if !fresh && now != keep {
        let (was, flag) = if now {
            ("with", "with --keep-boilerplate")
        } else {
            ("without", "without --keep-boilerplate")
        };
        return Err(Error::Usage(format!(
            "{}: this index was built {was} --keep-boilerplate; run again {flag}, or add --rebuild to build it the other way",
            dir.display()
        )));
    }
    let path = dir.join(KEEP_FILE);
    let r = if keep {
        std::fs::write(&path, "boilerplate lines are indexed as text\n")
    } else if now {
        std::fs::remove_file(&path)
    } else {
        Ok(())
    };
    r.map_err(|source| Error::Io { path, source })
}

/// The line keys that enough live articles carry to count as repeated boilerplate.
pub fn repeated(store: &Store, searcher: &Searcher) -> Result<HashSet<u64>> {
    let f = &store.fields;
    // Document frequencies count deleted documents too: they only nominate candidates.
    let mut raw: HashMap<u64, u64> = HashMap::new();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f.line_key)?;
        let mut stream = inv
            .terms()
            .stream()
            .map_err(|e| damaged(&store.dir, e.into()))?;
        while stream.advance() {
            if let Some(k) = key_of(stream.key()) {
                *raw.entry(k).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut out = HashSet::new();
    for (k, n) in raw {
        if n < REPEATED_IN {
            continue;
        }
        let mut live = 0;
        for seg in searcher.segment_readers() {
            live += live_docs(seg, f.line_key, k, store)?.len() as u64;
        }
        if live >= threshold(k) {
            out.insert(k);
        }
    }
    Ok(out)
}

/// The articles (id and file path) extracted with other repeated lines than `repeated` says.
pub fn stale(
    store: &Store,
    searcher: &Searcher,
    repeated: &HashSet<u64>,
) -> Result<Vec<(String, String)>> {
    let f = &store.fields;
    let mut docs: HashSet<DocAddress> = HashSet::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let ord = ord as u32;
        // Repeated now, not skipped then.
        for &k in repeated {
            let skipped: HashSet<u32> = live_docs(seg, f.skip_key, k, store)?.into_iter().collect();
            for d in live_docs(seg, f.line_key, k, store)? {
                if !skipped.contains(&d) {
                    docs.insert(DocAddress::new(ord, d));
                }
            }
        }
        // Skipped then, not repeated now.
        let inv = seg.inverted_index(f.skip_key)?;
        let mut stream = inv
            .terms()
            .stream()
            .map_err(|e| damaged(&store.dir, e.into()))?;
        let mut gone = Vec::new();
        while stream.advance() {
            if let Some(k) = key_of(stream.key()) {
                if !repeated.contains(&k) {
                    gone.push(k);
                }
            }
        }
        for k in gone {
            for d in live_docs(seg, f.skip_key, k, store)? {
                docs.insert(DocAddress::new(ord, d));
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::with_capacity(docs.len());
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        out.push((text(f.doc_id), text(f.path)));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Live documents of `seg` holding `key` in `field`.
fn live_docs(
    seg: &SegmentReader,
    field: tantivy::schema::Field,
    key: u64,
    store: &Store,
) -> Result<Vec<u32>> {
    let inv = seg.inverted_index(field)?;
    let term = Term::from_field_u64(field, key);
    let Some(mut postings) = inv
        .read_postings(&term, IndexRecordOption::Basic)
        .map_err(|e| damaged(&store.dir, e.into()))?
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut d = postings.doc();
    while d != TERMINATED {
        if !seg.is_deleted(d) {
            out.push(d);
        }
        d = postings.advance();
    }
    Ok(out)
}

/// A u64 term of the dictionary (eight bytes, big-endian).
fn key_of(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dictionary_keys_are_big_endian_u64() {
        assert_eq!(super::key_of(&7u64.to_be_bytes()), Some(7));
        assert_eq!(super::key_of(b"short"), None);
    }
}
