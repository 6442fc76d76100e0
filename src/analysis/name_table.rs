//! The value groups of a name column (`actor_name`, `speaker_name`) for `facets`, kept beside the
//! index.
//!
//! Each term ordinal of each segment's column names a *form* (one id per distinct written name
//! across the segments), and each form counts under a *group* (its lowercased canonical name,
//! [`NameMap`]). Building the table reads every name of the column's dictionaries, lowercases and
//! canonicalizes it: what every `facets --by actor` used to pay. The table depends on every segment
//! (the name map is corpus-wide), so it is saved under the fingerprint of the segments, like the
//! name map, and rebuilt by the first `facets` after an index run, `--prune` or `merge`. A fresh
//! process maps the file and reads only the entries its matching passages use; the strings of the
//! forms are read for the values printed.
//!
//! File (`dossier-facets-<column>.bin`): little-endian u32 words, then the forms' bytes:
//! `MAGIC, VERSION, fingerprint (16 ASCII bytes), segments, forms, groups`; per segment its id
//! (32 ASCII bytes), number of terms and the word where its table starts; `form → group` (the high
//! bit set when the form, lowercased, spells its group's name); per group the start of its forms
//! in the `forms by group` list (one more entry at the end) and that list; per form the start of
//! its bytes (one more entry at the end); per segment its tables (ordinal → form, then ordinal →
//! group; [`NO_FORM`] for the empty value); the forms' bytes.

use std::collections::HashMap;

use tantivy::directory::OwnedBytes;
use tantivy::{Searcher, SegmentOrdinal};

use super::names::NameMap;
use crate::error::Result;
use crate::index::cache::{
    as_words, has_table_header, padded, read_word, table_bytes, table_header,
};
use crate::index::{self, Store};

/// Cache files in the index folder start with this (then the column's name and `.bin`).
pub const TABLE_FILE: &str = "dossier-facets-";
const MAGIC: u32 = u32::from_le_bytes(*b"DFNT");
const VERSION: u32 = 1;
/// The form of an ordinal whose value is empty (no name).
pub const NO_FORM: u32 = u32::MAX;
const SPELLS: u32 = 1 << 31;
const HEADER_WORDS: usize = 9;
const SEGMENT_WORDS: usize = 10;

type StrMap<V> = HashMap<String, V, xxhash_rust::xxh3::Xxh3Builder>;

/// The table of one name column, as mapped from its file (or built when there was none).
pub struct NameTable {
    bytes: OwnedBytes,
    /// Per searcher segment: the word where its table starts and its number of terms.
    segments: Vec<(usize, usize)>,
    forms: usize,
    groups: usize,
    form_group: usize,
    group_start: usize,
    by_group: usize,
    form_start: usize,
    text: usize,
}

impl NameTable {
    /// The table of `column` for what `searcher` sees: the cached file when it matches, else built
    /// (and saved when the folder can be written).
    pub fn load(store: &Store, searcher: &Searcher, column: &str) -> Result<NameTable> {
        let fingerprint = index::cache::fingerprint(searcher);
        let file = format!("{TABLE_FILE}{column}.bin");
        let cached = index::cache::map(&store.dir, &file)
            .and_then(|bytes| NameTable::parse(bytes, searcher, &fingerprint));
        if let Some(table) = cached {
            return Ok(table);
        }
        NameTable::build_and_store(store, searcher, column, &fingerprint, &file)
    }

    /// Builds the table afresh (also when a cached one turns out damaged), saving it.
    pub fn rebuild(store: &Store, searcher: &Searcher, column: &str) -> Result<NameTable> {
        let fingerprint = index::cache::fingerprint(searcher);
        let file = format!("{TABLE_FILE}{column}.bin");
        NameTable::build_and_store(store, searcher, column, &fingerprint, &file)
    }

    fn build_and_store(
        store: &Store,
        searcher: &Searcher,
        column: &str,
        fingerprint: &str,
        file: &str,
    ) -> Result<NameTable> {
        let bytes = build(store, searcher, column, fingerprint)?;
        index::cache::write_aside(&store.dir, file, &bytes);
        NameTable::parse(OwnedBytes::new(bytes), searcher, fingerprint).ok_or_else(|| {
            crate::error::Error::Io {
                path: store.dir.join(file),
                source: std::io::Error::other("the facet table just built does not read back"),
            }
        })
    }

    /// The table in `bytes` when it is whole and made for `fingerprint` and these segments.
    fn parse(bytes: OwnedBytes, searcher: &Searcher, fingerprint: &str) -> Option<NameTable> {
        let word = |i: usize| read_word(&bytes, i);
        if !has_table_header(&bytes, MAGIC, VERSION, fingerprint) {
            return None;
        }
        let (n_segments, forms, groups) = (word(6)? as usize, word(7)? as usize, word(8)? as usize);
        let readers = searcher.segment_readers();
        if n_segments != readers.len() {
            return None;
        }
        let mut by_id = HashMap::new();
        for s in 0..n_segments {
            let at = HEADER_WORDS + s * SEGMENT_WORDS;
            let id = bytes.get(at * 4..at * 4 + 32)?;
            by_id.insert(id, (word(at + 9)? as usize, word(at + 8)? as usize));
        }
        let form_group = HEADER_WORDS + n_segments * SEGMENT_WORDS;
        let group_start = form_group + forms;
        let by_group = group_start + groups + 1;
        let form_start = by_group + forms;
        let tables = form_start + forms + 1;
        let mut segments = Vec::with_capacity(readers.len());
        let mut words = tables;
        for r in readers {
            let id = padded::<32>(&r.segment_id().uuid_string());
            let &(at, terms) = by_id.get(&id[..])?;
            if at != words {
                return None;
            }
            words += 2 * terms;
            segments.push((at, terms));
        }
        let text = words * 4;
        if bytes.len() != text + word(form_start + forms)? as usize {
            return None;
        }
        Some(NameTable {
            bytes,
            segments,
            forms,
            groups,
            form_group,
            group_start,
            by_group,
            form_start,
            text,
        })
    }

    /// Number of forms (distinct written names).
    pub fn forms(&self) -> usize {
        self.forms
    }

    /// Number of groups (names counted as one).
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// The group of term ordinal `ord` of searcher segment `segment` ([`NO_FORM`]: no name); None
    /// when the table does not hold it (a damaged file).
    pub fn group_of(&self, segment: SegmentOrdinal, ord: u64) -> Option<u32> {
        let &(at, terms) = self.segments.get(segment as usize)?;
        if ord >= terms as u64 {
            return None;
        }
        let group = self.word(at + terms + ord as usize)?;
        (group == NO_FORM || (group as usize) < self.groups).then_some(group)
    }

    /// The form of term ordinal `ord` of searcher segment `segment` ([`NO_FORM`]: no name); None
    /// when the table does not hold it.
    pub fn form_of(&self, segment: SegmentOrdinal, ord: u32) -> Option<u32> {
        let &(at, terms) = self.segments.get(segment as usize)?;
        if ord as usize >= terms {
            return None;
        }
        let form = self.word(at + ord as usize)?;
        (form == NO_FORM || (form as usize) < self.forms).then_some(form)
    }

    fn group_word(&self, form: u32) -> Option<u32> {
        self.word(self.form_group + form as usize)
    }

    /// The forms of `group`.
    pub fn forms_of(&self, group: u32) -> impl Iterator<Item = u32> + '_ {
        let g = group as usize;
        let start = self.word(self.group_start + g).unwrap_or(0) as usize;
        let end = self.word(self.group_start + g + 1).unwrap_or(0) as usize;
        (start..end.min(self.forms)).filter_map(move |i| self.word(self.by_group + i))
    }

    /// The written form (empty when the table lacks it).
    pub fn text(&self, form: u32) -> &str {
        let f = form as usize;
        let (Some(start), Some(end)) = (
            self.word(self.form_start + f),
            self.word(self.form_start + f + 1),
        ) else {
            return "";
        };
        self.bytes
            .get(self.text + start as usize..self.text + end as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// Whether the form, lowercased, is its group's name.
    pub fn spells_group(&self, form: u32) -> bool {
        self.group_word(form).is_some_and(|w| w & SPELLS != 0)
    }

    fn word(&self, i: usize) -> Option<u32> {
        read_word(&self.bytes, i)
    }
}

/// The file's bytes for `column` of the segments `searcher` sees.
fn build(store: &Store, searcher: &Searcher, column: &str, fingerprint: &str) -> Result<Vec<u8>> {
    let err = |e: tantivy::TantivyError| index::damaged(&store.dir, e);
    let io_err = |source| crate::error::Error::Io {
        path: store.dir.clone(),
        source,
    };
    let names = NameMap::load(store, searcher)?;
    let mut form_ids: StrMap<u32> = StrMap::default();
    let mut group_ids: StrMap<u32> = StrMap::default();
    // Per form: its group (with the SPELLS bit) and the end of its bytes in `text`.
    let mut form_group: Vec<u32> = Vec::new();
    let mut form_end: Vec<u32> = Vec::new();
    let mut text: Vec<u8> = Vec::new();
    let mut segments: Vec<(String, Vec<u32>)> = Vec::new();
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        let mut table = Vec::new();
        if let Some(col) = reader.fast_fields().str(column).map_err(err)? {
            table = vec![NO_FORM; col.num_terms()];
            let mut terms = col.dictionary().stream().map_err(io_err)?;
            while terms.advance() {
                let value = String::from_utf8_lossy(terms.key());
                let Some(slot) = table.get_mut(terms.term_ord() as usize) else {
                    continue;
                };
                if value.is_empty() {
                    continue;
                }
                *slot = match form_ids.get(value.as_ref()) {
                    Some(&f) => f,
                    None => {
                        let f = form_group.len() as u32;
                        let lower = value.to_lowercase();
                        let key = names.canonical(&lower);
                        let next = group_ids.len() as u32;
                        let g = *group_ids.entry(key.to_string()).or_insert(next);
                        let spells = if lower == key { SPELLS } else { 0 };
                        form_group.push(g | spells);
                        text.extend_from_slice(value.as_bytes());
                        form_end.push(text.len() as u32);
                        form_ids.insert(value.into_owned(), f);
                        f
                    }
                };
            }
            columns.push(Some(col));
        } else {
            columns.push(None);
        }
        segments.push((reader.segment_id().uuid_string(), table));
    }
    let (forms, groups) = (form_group.len(), group_ids.len());
    // Groups numbered by how many values name them, most first: the counts of the frequent
    // names then sit together at the start of the counting vectors, in cache.
    let mut freq = vec![0u64; groups];
    for ((_, table), col) in segments.iter().zip(&columns) {
        let Some(col) = col else { continue };
        for ord in col.ords().values.iter() {
            if let Some(&f) = table.get(ord as usize) {
                if let Some(&g) = form_group.get(f as usize) {
                    freq[(g & !SPELLS) as usize] += 1;
                }
            }
        }
    }
    let mut order: Vec<u32> = (0..groups as u32).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(freq[g as usize]), g));
    let mut renumber = vec![0u32; groups];
    for (new, &old) in order.iter().enumerate() {
        renumber[old as usize] = new as u32;
    }
    for g in &mut form_group {
        *g = renumber[(*g & !SPELLS) as usize] | (*g & SPELLS);
    }
    // Forms by group: a counting sort.
    let mut group_start = vec![0u32; groups + 1];
    for &g in &form_group {
        group_start[(g & !SPELLS) as usize + 1] += 1;
    }
    for g in 0..groups {
        group_start[g + 1] += group_start[g];
    }
    let mut by_group = vec![0u32; forms];
    let mut next = group_start.clone();
    for (f, &g) in form_group.iter().enumerate() {
        let slot = &mut next[(g & !SPELLS) as usize];
        by_group[*slot as usize] = f as u32;
        *slot += 1;
    }

    let mut words = table_header(MAGIC, VERSION, fingerprint);
    words.extend([segments.len() as u32, forms as u32, groups as u32]);
    let mut at =
        HEADER_WORDS + segments.len() * SEGMENT_WORDS + forms + (groups + 1) + forms + (forms + 1);
    for (id, table) in &segments {
        words.extend(as_words(&padded::<32>(id)));
        words.extend([table.len() as u32, at as u32]);
        at += 2 * table.len();
    }
    words.extend_from_slice(&form_group);
    words.extend_from_slice(&group_start);
    words.extend_from_slice(&by_group);
    words.push(0);
    words.extend_from_slice(&form_end);
    for (_, table) in &segments {
        words.extend_from_slice(table);
        words.extend(table.iter().map(|&f| match form_group.get(f as usize) {
            Some(&g) => g & !SPELLS,
            None => NO_FORM,
        }));
    }
    Ok(table_bytes(&words, &text))
}
