//! `facets`: the matching set counted by actor, speaker, source, year or month.
//!
//! In: the matching passages ([`super::matching_docs`]). Out: one [`Facet`] per value with its
//! matching passages and distinct articles (or clusters), largest first. Values come from fast
//! columns (`actor_name`, `speaker_name`, `source`, `date`); no stored document is read. Names go
//! through their column's [`NameTable`] (term ordinal → group, kept beside the index), so
//! counting is one pass over vectors indexed by dense ids, and only the values that can make the
//! top are read as text.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::Searcher;

use super::name_table::{NameTable, NO_FORM};
use super::{ArticleKeys, SegmentDocs};
use crate::error::Result;
use crate::index::{
    self, Store, ACTOR_NAME_FIELD, ARTICLE_FIELD, DATE_FIELD, SOURCE_FIELD, SPEAKER_NAME_FIELD,
};

/// What to count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetBy {
    /// Canonical actor names.
    Actor,
    /// Canonical speaker names.
    Speaker,
    /// Article source.
    Source,
    /// Year of the article date (`2020`).
    Year,
    /// Month of the article date (`2020-10`).
    Month,
}

/// The keys of [`Facet`], in order (CSV columns).
pub const COLUMNS: &[&str] = &["value", "articles", "passages", "share"];

/// One value of a facet: the `facets --format json` contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facet {
    /// The value (a name, a source, `2020`, `2020-10`).
    pub value: String,
    /// Matching articles with this value (clusters of copies count once unless all copies).
    pub articles: u64,
    /// Matching passages with this value.
    pub passages: u64,
    /// Share of the matching articles that have this value, 0..1.
    pub share: f64,
}

/// A string map with a fast hasher (xxh3).
type FastMap<V> = HashMap<String, V, xxhash_rust::xxh3::Xxh3Builder>;

/// Values by dense id below a bound: a vector for large matching sets, a map for small ones (whose
/// few ids would each fault in a page of a large vector).
enum IdMap<T> {
    Dense(Vec<T>),
    Sparse(HashMap<u32, T, BuildHasherDefault<super::KeyHasher>>, usize),
}

impl<T: Copy + Default> Default for IdMap<T> {
    fn default() -> Self {
        IdMap::Dense(Vec::new())
    }
}

impl<T: Copy + Default> IdMap<T> {
    fn new(len: usize, sparse: bool) -> Self {
        if sparse {
            IdMap::Sparse(HashMap::default(), len)
        } else {
            // Zeroed memory: pages are touched only where counted.
            IdMap::Dense(vec![T::default(); len])
        }
    }

    fn len(&self) -> usize {
        match self {
            IdMap::Dense(v) => v.len(),
            IdMap::Sparse(_, len) => *len,
        }
    }

    /// Room for ids below `len`.
    fn grow(&mut self, len: usize) {
        match self {
            IdMap::Dense(v) if v.len() < len => v.resize(len, T::default()),
            IdMap::Sparse(_, n) => *n = len.max(*n),
            IdMap::Dense(_) => {}
        }
    }

    /// The value of `id`; None past the bound.
    #[inline]
    fn at(&mut self, id: u32) -> Option<&mut T> {
        match self {
            IdMap::Dense(v) => v.get_mut(id as usize),
            IdMap::Sparse(m, len) => ((id as usize) < *len).then(|| m.entry(id).or_default()),
        }
    }

    fn get(&self, id: u32) -> T {
        match self {
            IdMap::Dense(v) => v.get(id as usize).copied(),
            IdMap::Sparse(m, _) => m.get(&id).copied(),
        }
        .unwrap_or_default()
    }

    /// The ids with a value other than the default (in no particular order).
    fn each(&self, mut f: impl FnMut(u32, T))
    where
        T: PartialEq,
    {
        match self {
            IdMap::Dense(v) => {
                for (id, &x) in v.iter().enumerate() {
                    if x != T::default() {
                        f(id as u32, x);
                    }
                }
            }
            IdMap::Sparse(m, _) => m.iter().for_each(|(&id, &x)| f(id, x)),
        }
    }
}

/// The matching passages counted by value. A value is a *form* (a name as written, a source, a
/// period) counted under a *group* (names counted as one share a group; other values are their own
/// group). Ids are dense, so every count is a vector indexed by id.
#[derive(Default)]
struct Tally {
    /// Matching passages writing each form (names only; other forms are their groups).
    form_passages: IdMap<u32>,
    groups: IdMap<GroupTally>,
    /// The groups with passages, in the order first met.
    touched: Vec<u32>,
    doc: u32,
    run: u32,
    /// An article's passages come in a row, one run: each group it names counts it once when
    /// met in the run. The runs of a key that can come back (a cluster's copies, apart in the
    /// index; every key when `record_all`) are recorded instead, (key, start of its groups in
    /// `run_groups`), and counted together at the end.
    runs: Vec<(u32, u32)>,
    run_groups: Vec<u32>,
    recording: bool,
    record_all: bool,
    /// Article (or cluster) key → dense id; its size is the number of matching articles.
    keys: HashMap<u64, u32, BuildHasherDefault<super::KeyHasher>>,
    last_key: Option<u64>,
    /// Whether counts are kept in maps ([`IdMap`]).
    sparse: bool,
}

/// A matching set of fewer passages than the index's over this is counted in maps.
const SPARSE_SHARE: u64 = 32;

/// The counts of one group, side by side (one cache line for the counting loop).
#[derive(Clone, Copy, Default, PartialEq)]
struct GroupTally {
    passages: u32,
    articles: u32,
    /// The last passage ([`Tally::doc`]) and the last run ([`Tally::run`]) that counted it: a
    /// passage counts a group once, and a run lists it once.
    doc: u32,
    run: u32,
}

impl Tally {
    /// Counts for a matching set of `passages` passages out of `all` (a small one kept in maps).
    fn new(passages: usize, all: u64) -> Tally {
        Tally {
            sparse: (passages as u64) < all / SPARSE_SHARE,
            ..Tally::default()
        }
    }

    /// Room for `forms` forms and `groups` groups.
    fn grow(&mut self, forms: usize, groups: usize) {
        if self.groups.len() == 0 {
            self.form_passages = IdMap::new(forms, self.sparse);
            self.groups = IdMap::new(groups, self.sparse);
        }
        self.form_passages.grow(forms);
        self.groups.grow(groups);
    }

    /// A matching passage of the article counted under `key` begins (`shared`: other articles
    /// count under it too). False when an article that is no copy comes back after other
    /// articles' passages while runs are not all recorded ([`Tally::record_all`]).
    fn passage(&mut self, key: u64, shared: bool) -> bool {
        if self.last_key != Some(key) {
            self.last_key = Some(key);
            let next = self.keys.len() as u32;
            let k = *self.keys.entry(key).or_insert(next);
            if k != next && !shared && !self.record_all {
                return false;
            }
            self.recording = shared || self.record_all;
            if self.recording {
                self.runs.push((k, self.run_groups.len() as u32));
            }
            self.run += 1;
        }
        self.doc += 1;
        true
    }

    /// The current passage has a value of `group`; false when `group` is past
    /// [`Tally::grow`]'s size.
    #[inline(always)]
    fn add(&mut self, group: u32) -> bool {
        let Some(t) = self.groups.at(group) else {
            return false;
        };
        if t.doc != self.doc {
            t.doc = self.doc;
            if t.passages == 0 {
                self.touched.push(group);
            }
            t.passages += 1;
            if t.run != self.run {
                t.run = self.run;
                if self.recording {
                    self.run_groups.push(group);
                } else {
                    t.articles += 1;
                }
            }
        }
        true
    }

    /// (articles, passages, group) of each group with passages, the recorded runs of each key
    /// taken together so that each group counts the key once.
    fn counts(&mut self) -> Vec<(u64, u64, u32)> {
        let ends = self
            .runs
            .iter()
            .skip(1)
            .map(|r| r.1)
            .chain([self.run_groups.len() as u32]);
        let mut runs: Vec<(u32, u32, u32)> = self
            .runs
            .iter()
            .zip(ends)
            .map(|(&(k, start), end)| (k, start, end))
            .collect();
        runs.sort_unstable_by_key(|r| r.0);
        // The run marks now name the key (plus one) that last counted each group.
        for &g in &self.touched {
            if let Some(t) = self.groups.at(g) {
                t.run = 0;
            }
        }
        for (k, start, end) in runs {
            for &g in &self.run_groups[start as usize..end as usize] {
                let Some(t) = self.groups.at(g) else { continue };
                if t.run != k + 1 {
                    t.run = k + 1;
                    t.articles += 1;
                }
            }
        }
        self.touched
            .iter()
            .map(|&g| {
                let t = self.groups.get(g);
                (u64::from(t.articles), u64::from(t.passages), g)
            })
            .collect()
    }
}

/// The values other than names (sources, periods): each its own group, ids in the order met.
#[derive(Default)]
struct Plain {
    ids: FastMap<u32>,
    values: Vec<String>,
}

impl Plain {
    fn id(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.ids.insert(value.to_string(), id);
        self.values.push(value.to_string());
        id
    }
}

/// Per segment, where each matching passage's values come from.
enum Values<'a> {
    /// A name column and the table of its ordinals.
    Names(StrColumn, &'a NameTable),
    /// A source column: ordinal → value id (None: no value, or not used by a matching passage).
    Strs(StrColumn, Vec<Option<u32>>),
    /// The article date, by year or month.
    Dates(tantivy::columnar::Column<tantivy::DateTime>),
    None,
}

/// Counts `docs` by `by`: the `top` largest values (by articles, then passages, then value) and
/// the number of matching articles.
pub fn facets(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    by: FacetBy,
    keys: &ArticleKeys,
    top: usize,
) -> Result<(Vec<Facet>, u64)> {
    let column = match by {
        FacetBy::Actor => Some(ACTOR_NAME_FIELD),
        FacetBy::Speaker => Some(SPEAKER_NAME_FIELD),
        _ => None,
    };
    let mut table = match column {
        Some(c) => Some(NameTable::load(store, searcher, c)?),
        None => None,
    };
    let mut plain = Plain::default();
    let (mut record_all, mut rebuilt) = (false, false);
    let mut tally = loop {
        match count(
            store,
            searcher,
            docs,
            by,
            table.as_ref(),
            &mut plain,
            keys,
            record_all,
        )? {
            Counted::Done(tally) => break tally,
            Counted::Scattered if !record_all => record_all = true,
            Counted::Damaged if !rebuilt && column.is_some() => {
                // The cached table does not fit the index's columns (a damaged file): built
                // again.
                if let Some(c) = column {
                    table = Some(NameTable::rebuild(store, searcher, c)?);
                }
                rebuilt = true;
            }
            _ => {
                return Err(crate::error::Error::Damaged {
                    path: store.dir.clone(),
                    reason: "a name column does not match its terms".to_string(),
                })
            }
        }
    };
    let total = tally.keys.len() as u64;
    let counts = tally.counts();
    let rows = match &table {
        Some(table) => top_facets(counts, total, top, |g| {
            // The group under its most written form (ties: the one that spells the canonical
            // name, then the first in order).
            let n = |f: u32| tally.form_passages.get(f);
            table
                .forms_of(g)
                .filter(|&f| n(f) > 0)
                .max_by(|&a, &b| {
                    n(a).cmp(&n(b))
                        .then_with(|| table.spells_group(a).cmp(&table.spells_group(b)))
                        .then_with(|| table.text(b).cmp(table.text(a)))
                })
                .map_or_else(String::new, |f| table.text(f).to_string())
        }),
        None => top_facets(counts, total, top, |g| plain.values[g as usize].clone()),
    };
    Ok((rows, total))
}

/// What [`count`] made of the matching passages.
enum Counted {
    Done(Box<Tally>),
    /// A name table does not hold an ordinal of its column (a damaged file).
    Damaged,
    /// An article's passages are not in a row: to be counted again recording every run.
    Scattered,
}

/// Tallies `docs`, each passage under its article key.
#[allow(clippy::too_many_arguments)]
fn count(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    by: FacetBy,
    table: Option<&NameTable>,
    plain: &mut Plain,
    keys: &ArticleKeys,
    record_all: bool,
) -> Result<Counted> {
    let err = |e: tantivy::TantivyError| index::damaged(&store.dir, e);
    let passages = docs.iter().map(|s| s.docs.len()).sum();
    let mut tally = Tally::new(passages, searcher.num_docs());
    tally.record_all = record_all;
    if let Some(t) = table {
        tally.grow(t.forms(), t.groups());
    }
    // (year, month or 0) → value id.
    let mut periods: HashMap<(i32, u32), u32> = HashMap::new();
    for seg in docs {
        let fast = searcher.segment_reader(seg.segment).fast_fields();
        let articles = fast.u64(ARTICLE_FIELD).map_err(err)?;
        let values = match (by, table) {
            (FacetBy::Actor | FacetBy::Speaker, Some(t)) => {
                let name = if by == FacetBy::Actor {
                    ACTOR_NAME_FIELD
                } else {
                    SPEAKER_NAME_FIELD
                };
                match fast.str(name).map_err(err)? {
                    Some(col) => Values::Names(col, t),
                    None => Values::None,
                }
            }
            (FacetBy::Source, _) => match fast.str(SOURCE_FIELD).map_err(err)? {
                Some(col) => {
                    let ids = super::per_ordinal(store, &col, &seg.docs, |value| {
                        (!value.is_empty()).then(|| plain.id(value))
                    })?;
                    tally.grow(plain.values.len(), plain.values.len());
                    Values::Strs(col, ids)
                }
                None => Values::None,
            },
            (FacetBy::Year | FacetBy::Month, _) => {
                Values::Dates(fast.date(DATE_FIELD).map_err(err)?)
            }
            _ => Values::None,
        };
        // Passages per term ordinal of a name column, added to their forms after the segment.
        let mut ord_passages = match &values {
            Values::Names(col, _) => IdMap::<u32>::new(col.num_terms(), tally.sparse),
            _ => IdMap::default(),
        };
        let mut last_article = None;
        let mut key = (0, false);
        // Names are looked up a block of passages at a time, before counting: the lookups do not
        // wait on one another, nor on the counts.
        let mut block_groups: Vec<u32> = Vec::new();
        let mut block_ends: Vec<usize> = Vec::new();
        for block in seg.docs.chunks(256) {
            if let Values::Names(col, t) = &values {
                block_groups.clear();
                block_ends.clear();
                for &doc in block {
                    for ord in col.term_ords(doc) {
                        let (Some(n), Some(group)) =
                            (ord_passages.at(ord as u32), t.group_of(seg.segment, ord))
                        else {
                            return Ok(Counted::Damaged);
                        };
                        *n += 1;
                        block_groups.push(group);
                    }
                    block_ends.push(block_groups.len());
                }
            }
            let mut next_group = 0;
            for (i, &doc) in block.iter().enumerate() {
                let article = articles.first(doc).unwrap_or_default();
                if last_article != Some(article) {
                    last_article = Some(article);
                    key = keys.key_shared(article);
                }
                if !tally.passage(key.0, key.1) {
                    return Ok(Counted::Scattered);
                }
                match &values {
                    Values::Names(..) => {
                        let end = block_ends.get(i).copied().unwrap_or(next_group);
                        for &group in block_groups.get(next_group..end).unwrap_or(&[]) {
                            if group != NO_FORM && !tally.add(group) {
                                return Ok(Counted::Damaged);
                            }
                        }
                        next_group = end;
                    }
                    Values::Strs(col, ids) => {
                        for ord in col.term_ords(doc) {
                            if let Some(&Some(id)) = ids.get(ord as usize) {
                                tally.add(id);
                            }
                        }
                    }
                    Values::Dates(col) => {
                        if let Some(d) = col.first(doc) {
                            let d = index::from_datetime(d);
                            let period = (d.year, if by == FacetBy::Year { 0 } else { d.month });
                            let id = match periods.get(&period) {
                                Some(&id) => id,
                                None => {
                                    let id = plain.id(&if by == FacetBy::Year {
                                        format!("{:04}", d.year)
                                    } else {
                                        format!("{:04}-{:02}", d.year, d.month)
                                    });
                                    periods.insert(period, id);
                                    tally.grow(plain.values.len(), plain.values.len());
                                    id
                                }
                            };
                            tally.add(id);
                        }
                    }
                    Values::None => {}
                }
            }
        }
        if let Values::Names(_, t) = &values {
            // Each ordinal's passages to its form.
            let mut whole = true;
            ord_passages.each(|ord, n| match t.form_of(seg.segment, ord) {
                Some(NO_FORM) => {}
                Some(form) => match tally.form_passages.at(form) {
                    Some(f) => *f += n,
                    None => whole = false,
                },
                None => whole = false,
            });
            if !whole {
                return Ok(Counted::Damaged);
            }
        }
    }
    Ok(Counted::Done(Box::new(tally)))
}

/// The `top` largest of `counts` (articles, passages, group) as facets, `value` naming each
/// group. Only the groups that can make the cut (the `top` largest by articles and passages, and
/// those tied with the last of them) are named.
fn top_facets(
    mut counts: Vec<(u64, u64, u32)>,
    total: u64,
    top: usize,
    value: impl Fn(u32) -> String,
) -> Vec<Facet> {
    if top == 0 {
        return Vec::new();
    }
    let order = |a: &(u64, u64, u32), b: &(u64, u64, u32)| b.0.cmp(&a.0).then(b.1.cmp(&a.1));
    if counts.len() > top {
        counts.select_nth_unstable_by(top - 1, order);
        let last = counts[top - 1];
        counts.retain(|c| order(c, &last) != std::cmp::Ordering::Greater);
    }
    let share = total.max(1) as f64;
    let mut out: Vec<Facet> = counts
        .into_iter()
        .map(|(articles, passages, g)| Facet {
            value: value(g),
            articles,
            passages,
            share: articles as f64 / share,
        })
        .collect();
    keep_top(&mut out, top);
    out
}

/// Keeps the `top` largest facet values: by articles, then passages, then value.
pub fn keep_top(rows: &mut Vec<Facet>, top: usize) {
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.passages.cmp(&a.passages))
            .then(a.value.cmp(&b.value))
    });
    rows.truncate(top);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Passages as (key, shared, groups); the tally's (articles, passages, group), sorted.
    /// `sparse` counts in maps, as for a query matching a small share of the index.
    fn tally(
        passages: &[(u64, bool, &[u32])],
        record_all: bool,
        sparse: bool,
    ) -> Option<Vec<(u64, u64, u32)>> {
        let mut t = Tally::new(passages.len(), if sparse { u64::MAX } else { 0 });
        assert_eq!(t.sparse, sparse);
        t.record_all = record_all;
        t.grow(0, 8);
        for &(key, shared, groups) in passages {
            if !t.passage(key, shared) {
                return None;
            }
            for &g in groups {
                assert!(t.add(g));
            }
        }
        let mut out = t.counts();
        out.sort_by_key(|c| c.2);
        Some(out)
    }

    #[test]
    fn articles_count_once_per_group_however_their_passages_come() {
        // Article 1 names group 0 twice in a passage and in two passages; cluster 7 (two
        // copies, apart) names group 1 in both; article 2 names groups 0 and 1.
        let passages: &[(u64, bool, &[u32])] = &[
            (1, false, &[0, 0]),
            (1, false, &[0, 2]),
            (7, true, &[1]),
            (2, false, &[0, 1]),
            (7, true, &[1, 2]),
        ];
        let want = vec![(2, 3, 0), (2, 3, 1), (2, 2, 2)];
        // Article 1 back after article 2: not counted in one pass, but counted right when every
        // run is recorded.
        let mut scattered = passages.to_vec();
        scattered.push((1, false, &[0, 2]));
        for sparse in [false, true] {
            assert_eq!(tally(passages, false, sparse), Some(want.clone()));
            assert_eq!(tally(passages, true, sparse), Some(want.clone()));
            assert_eq!(tally(&scattered, false, sparse), None);
            assert_eq!(
                tally(&scattered, true, sparse),
                Some(vec![(2, 4, 0), (2, 3, 1), (2, 3, 2)])
            );
        }
        // Ids past the size are refused.
        let mut t = Tally::default();
        t.grow(0, 2);
        assert!(t.passage(1, false));
        assert!(!t.add(2));
    }
}
