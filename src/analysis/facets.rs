//! `facets`: the matching set counted by actor, speaker, source, year or month.
//!
//! In: the matching passages ([`super::matching_docs`]). Out: one [`Facet`] per value with its
//! matching passages and distinct articles (or clusters), largest first. Values come from fast
//! columns (`actor_name`, `speaker_name`, `source`, `date`); no stored document is read.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::Searcher;

use super::names::NameMap;
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

/// A string map with a fast hasher (xxh3): the facet maps are keyed by hundreds of thousands of
/// names per query, and std's SipHash showed in the profile.
type FastMap<V> = HashMap<String, V, xxhash_rust::xxh3::Xxh3Builder>;

/// Facet values and their tallies; names counted as one ([`NameMap`]) share one entry.
#[derive(Default)]
struct Groups {
    index: FastMap<usize>,

    /// Matching passages of each group.
    passages: Vec<u64>,
    /// (group, article key) for each group's articles, with repeats; counted once sorted.
    pairs: Vec<(u32, u64)>,
    /// The article (or cluster) key last counted for each group: an article's passages come in
    /// a row, so most repeats are caught here without touching the set.
    last_key: Vec<u64>,
    /// The forms seen of each group's value, with the passages writing each.
    forms: Vec<Vec<(String, u64)>>,
    keys: Vec<String>,
}

impl Groups {
    /// The group of `value`: names by their canonical lowercased form, other values as they are.
    fn group(&mut self, value: &str, names: Option<&NameMap>) -> (usize, usize) {
        let lower;
        let key = match names {
            Some(n) => {
                lower = value.to_lowercase();
                n.canonical(&lower)
            }
            None => value,
        };
        let g = match self.index.get(key) {
            Some(&g) => g,
            None => {
                let g = self.passages.len();
                self.index.insert(key.to_string(), g);
                self.passages.push(0);
                self.last_key.push(u64::MAX);
                self.forms.push(Vec::new());
                self.keys.push(key.to_string());
                g
            }
        };
        let forms = &mut self.forms[g];
        let f = match forms.iter().position(|f| f.0 == value) {
            Some(f) => f,
            None => {
                forms.push((value.to_string(), 0));
                forms.len() - 1
            }
        };
        (g, f)
    }

    /// Each group under its most written form (ties: the one that spells the canonical name,
    /// then the first in order).
    /// Each group's name, passages and distinct articles.
    fn into_named(self) -> Vec<(String, u64, u64)> {
        let Groups {
            passages,
            mut pairs,
            forms,
            keys,
            ..
        } = self;
        pairs.sort_unstable();
        pairs.dedup();
        let mut articles = vec![0u64; passages.len()];
        for (g, _) in pairs {
            articles[g as usize] += 1;
        }
        passages
            .into_iter()
            .zip(articles)
            .zip(forms)
            .zip(keys)
            .map(|(((p, a), forms), key)| (forms, key, p, a))
            .map(|(mut forms, key, passages, articles)| {
                if forms.len() > 1 {
                    // Most groups have one form; only ties on the count need the lowercase.
                    let spells = |f: &(String, u64)| f.0.to_lowercase() == key;
                    forms.sort_by(|a, b| {
                        b.1.cmp(&a.1)
                            .then_with(|| spells(b).cmp(&spells(a)))
                            .then_with(|| a.0.cmp(&b.0))
                    });
                }
                (forms.swap_remove(0).0, passages, articles)
            })
            .collect()
    }
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
    let err = |e: tantivy::TantivyError| index::damaged(&store.dir, e);
    let names = match by {
        FacetBy::Actor | FacetBy::Speaker => Some(NameMap::load(store, searcher)?),
        _ => None,
    };
    let mut groups = Groups::default();
    let mut all = super::KeySet::default();
    let mut last_key = u64::MAX;
    for seg in docs {
        let fast = searcher.segment_reader(seg.segment).fast_fields();
        let articles = fast.u64(ARTICLE_FIELD).map_err(err)?;
        let column: Option<StrColumn> = match by {
            FacetBy::Actor => fast.str(ACTOR_NAME_FIELD).map_err(err)?,
            FacetBy::Speaker => fast.str(SPEAKER_NAME_FIELD).map_err(err)?,
            FacetBy::Source => fast.str(SOURCE_FIELD).map_err(err)?,
            FacetBy::Year | FacetBy::Month => None,
        };
        let dates = fast.date(DATE_FIELD).map_err(err)?;
        // Term ordinal of this segment → value group (names counted as one share a group): the
        // ordinals used are gathered first and their terms read from the dictionary in one pass.
        let group_of = match &column {
            Some(col) => super::per_ordinal(store, col, &seg.docs, |value| {
                (!value.is_empty()).then(|| groups.group(value, names.as_ref()))
            })?,
            None => Vec::new(),
        };
        let mut doc_groups: Vec<usize> = Vec::new();
        for &doc in &seg.docs {
            let key = keys.key(articles.first(doc).unwrap_or_default());
            if key != last_key {
                all.insert(key);
                last_key = key;
            }
            doc_groups.clear();
            if let Some(col) = &column {
                for ord in col.term_ords(doc) {
                    if let Some((g, f)) = group_of[ord as usize] {
                        groups.forms[g][f].1 += 1;
                        doc_groups.push(g);
                    }
                }
            } else if let Some(d) = dates.first(doc) {
                let d = index::from_datetime(d);
                let period = if by == FacetBy::Year {
                    format!("{:04}", d.year)
                } else {
                    format!("{:04}-{:02}", d.year, d.month)
                };
                doc_groups.push(groups.group(&period, None).0);
            }
            doc_groups.sort_unstable();
            doc_groups.dedup();
            for &g in &doc_groups {
                groups.passages[g] += 1;
                if groups.last_key[g] != key {
                    groups.pairs.push((g as u32, key));
                    groups.last_key[g] = key;
                }
            }
        }
    }
    let total = all.len().max(1) as f64;
    let mut out: Vec<Facet> = groups
        .into_named()
        .into_iter()
        .map(|(value, passages, articles)| Facet {
            articles,
            passages,
            share: articles as f64 / total,
            value,
        })
        .collect();
    keep_top(&mut out, top);
    Ok((out, all.len() as u64))
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
