//! `facets`: the matching set counted by actor, speaker, source, year or month.
//!
//! In: the matching passages ([`super::matching_docs`]). Out: one [`Facet`] per value with its
//! matching passages and distinct articles (or clusters), largest first. Values come from fast
//! columns (`actor_name`, `speaker_name`, `source`, `date`); no stored document is read.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::Searcher;

use super::{ArticleKeys, SegmentDocs, Tally};
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
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    let mut all = std::collections::HashSet::new();
    let mut value = String::new();
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
        // Per segment, by term ordinal: passages and (ordinal, article) pairs; names are looked
        // up once per ordinal at the end.
        let mut local: HashMap<u64, (u64, Vec<u64>)> = HashMap::new();
        let mut by_period: HashMap<String, (u64, Vec<u64>)> = HashMap::new();
        for &doc in &seg.docs {
            let key = keys.key(articles.first(doc).unwrap_or_default());
            all.insert(key);
            match (&column, by) {
                (Some(col), _) => {
                    let mut last = u64::MAX;
                    for ord in col.term_ords(doc) {
                        if ord == last {
                            continue;
                        }
                        last = ord;
                        let e = local.entry(ord).or_default();
                        e.0 += 1;
                        if e.1.last() != Some(&key) {
                            e.1.push(key);
                        }
                    }
                }
                (None, FacetBy::Year | FacetBy::Month) => {
                    let Some(d) = dates.first(doc) else { continue };
                    let d = index::from_datetime(d);
                    let period = if by == FacetBy::Year {
                        format!("{:04}", d.year)
                    } else {
                        format!("{:04}-{:02}", d.year, d.month)
                    };
                    let e = by_period.entry(period).or_default();
                    e.0 += 1;
                    if e.1.last() != Some(&key) {
                        e.1.push(key);
                    }
                }
                (None, _) => {}
            }
        }
        if let Some(col) = &column {
            for (ord, (passages, keys)) in local {
                value.clear();
                if col.ord_to_str(ord, &mut value).is_err() || value.is_empty() {
                    continue;
                }
                let t = tallies.entry(value.clone()).or_default();
                t.passages += passages;
                t.articles.extend(keys);
            }
        }
        for (period, (passages, keys)) in by_period {
            let t = tallies.entry(period).or_default();
            t.passages += passages;
            t.articles.extend(keys);
        }
    }
    let total = all.len().max(1) as f64;
    let mut out: Vec<Facet> = tallies
        .into_iter()
        .map(|(value, t)| Facet {
            articles: t.articles.len() as u64,
            passages: t.passages,
            share: t.articles.len() as f64 / total,
            value,
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.passages.cmp(&a.passages))
            .then(a.value.cmp(&b.value))
    });
    out.truncate(top);
    Ok((out, all.len() as u64))
}
