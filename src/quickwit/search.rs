//! `search --quickwit`: a [`Request`] answered by a Quickwit cluster, as the same [`Hit`]s a local
//! search gives (same keys, same highlights, same collapsing of copies and `--per-article`).
//!
//! The query is checked and its highlighters built exactly as locally (against an empty
//! in-memory index with dossier's schema), translated ([`super::translate`]), and sent to the
//! Elasticsearch-compatible endpoint, the one that returns scores: the query scores, the filters
//! go into a `filter` clause. Ties are broken by the same `order` key as locally.

use serde_json::{json, Value as Json};

use super::client::Client;
use super::config::{CLUSTER, DATE, DOC_ID, ORDER};
use super::translate::{translate, Translated};
use crate::error::{Error, Result};
use crate::index::{article_key, Store};
use crate::search::{self, query, Hit, HitQuote, Marks, Request, SortBy};

/// What a hit needs from a Quickwit document (its stored fields).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Stored {
    pub(super) doc_id: String,
    pub(super) cluster: String,
    pub(super) copies: u64,
    pub(super) title: String,
    pub(super) text: String,
    pub(super) quotes_json: Option<String>,
    pub(super) actors: Vec<String>,
    pub(super) dates: Vec<String>,
    pub(super) date: Option<String>,
    pub(super) source: String,
    pub(super) url: String,
    pub(super) path: String,
    pub(super) line: Option<u64>,
    pub(super) passage: u64,
    pub(super) page: Option<u64>,
}

impl Stored {
    /// The quotations stored with the passage (none when absent or unreadable).
    pub(super) fn quotes(&self) -> Vec<HitQuote> {
        self.quotes_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    /// The article's day: its date is RFC 3339 at midnight UTC, so the first ten characters.
    pub(super) fn day(&self) -> Option<String> {
        self.date.as_deref()?.get(..10).map(str::to_string)
    }

    /// The id its copies share: the cluster's, or its own when it has none.
    pub(super) fn group(&self) -> &str {
        if self.cluster.is_empty() {
            &self.doc_id
        } else {
            &self.cluster
        }
    }
}

/// `req` checked exactly as a local search checks it (against an empty index with the local
/// schema), then translated.
pub fn checked(req: &Request) -> Result<Translated> {
    search::matching(&Store::in_memory(), req)?;
    translate(&query::parse(&req.query).map_err(Error::Query)?, req)
}

/// A count in an aggregation's answer (cardinalities come as floats).
pub fn count(v: Option<&Json>) -> u64 {
    v.and_then(Json::as_f64).unwrap_or(0.0).round() as u64
}

/// The query clause of a translated request: the query scores, the filters only narrow.
pub fn query_clause(t: &Translated) -> Json {
    let filters: Vec<Json> = t
        .filters
        .iter()
        .map(|f| json!({ "query_string": { "query": f } }))
        .collect();
    json!({ "bool": {
        "must": [ { "query_string": { "query": t.query } } ],
        "filter": filters,
    } })
}

/// The Elasticsearch-compatible request body of a translated request.
pub fn body(t: &Translated, sort: SortBy, size: usize) -> Json {
    let by = |field: &str, order: &str| json!({ field: { "order": order } });
    let sort = match sort {
        SortBy::Score => vec![by("_score", "desc"), by(ORDER, "asc")],
        // Quickwit sorts by two keys at most: newest first, then by score, or, when nothing is
        // scored, by the tie-break key as the local search does.
        SortBy::Date if t.scored => vec![by(DATE, "desc"), by("_score", "desc")],
        SortBy::Date => vec![by(DATE, "desc"), by(ORDER, "asc")],
    };
    json!({
        "query": query_clause(t),
        "size": size,
        "sort": sort,
    })
}

/// Runs `req` against index `index_id` through `client`.
pub fn search(client: &Client, index_id: &str, req: &Request) -> Result<Vec<Hit>> {
    // The local checks and highlighters, from an empty index with the local schema.
    let local = Store::in_memory();
    let m = search::matching(&local, req)?;
    let node = query::parse(&req.query).map_err(Error::Query)?;
    let t = translate(&node, req)?;
    let search::Fetch {
        limit,
        wanted,
        filtering,
        mut fetch,
    } = search::Fetch::of(req);
    let (found, kept) = loop {
        let found = fetch_hits(client, index_id, &t, req.sort, fetch)?;
        let exhausted = found.len() < fetch;
        let keys: Vec<(u64, u64)> = found
            .iter()
            .map(|(_, s)| (article_key(&s.doc_id), article_key(&s.cluster)))
            .collect();
        let kept = if filtering {
            search::keep(req, &keys, wanted)
        } else {
            (0..found.len().min(wanted)).collect()
        };
        if kept.len() >= wanted || exhausted {
            break (found, kept);
        }
        fetch = fetch.saturating_mul(4);
    };
    let mut marks = Marks::new(m);
    let mut found: Vec<Option<(f32, Stored)>> = found.into_iter().map(Some).collect();
    let mut hits = Vec::with_capacity(kept.len());
    for (rank, i) in kept.into_iter().enumerate().skip(req.offset).take(limit) {
        let Some((score, s)) = found[i].take() else {
            continue;
        };
        let (quotes, date, cluster) = (s.quotes(), s.day(), s.group().to_string());
        let (highlights, title_highlights) = marks.mark(&s.text, &quotes, &s.title);
        hits.push(Hit {
            rank: rank + 1,
            score,
            cluster,
            copies: s.copies as usize,
            doc_id: s.doc_id,
            title: s.title,
            date,
            source: s.source,
            url: s.url,
            path: s.path,
            line: s.line,
            passage: s.passage,
            page: s.page,
            text: s.text,
            highlights,
            title_highlights,
            actors: s.actors,
            quotes,
            dates: s.dates,
        });
    }
    Ok(hits)
}

/// Most groups (clusters or articles) [`total`] counts exactly through one aggregation.
const MAX_GROUPS: usize = 10_000;

/// The number of hits of `req`, collapsed as the hits are (the web page's `total`): for each
/// cluster the matching passages of its copy with the most (each article's capped at
/// `--per-article`), or with all copies each article's matching passages (capped). From one
/// aggregation over at most [`MAX_GROUPS`] groups; with more groups than that, the number of
/// matching passages (an upper bound: a later page may come out short).
pub fn total(client: &Client, index_id: &str, req: &Request) -> Result<u64> {
    let t = checked(req)?;
    let mut body = json!({
        "query": query_clause(&t),
        "size": 0,
        "track_total_hits": true,
    });
    // Every matching passage counts when copies are kept and articles are not capped.
    let grouped = !req.all_copies || req.per_article.is_some();
    if grouped {
        let group = if req.all_copies { DOC_ID } else { CLUSTER };
        body["aggs"] = json!({ "groups": {
            "terms": { "field": group, "size": MAX_GROUPS },
            // The article of the group with the most matching passages.
            "aggs": { "best": { "terms": { "field": DOC_ID, "size": 1 } } },
        } });
    }
    let answer = client.es_search(index_id, &body)?;
    let passages = count(answer.pointer("/hits/total/value"));
    if !grouped {
        return Ok(passages);
    }
    if count(answer.pointer("/aggregations/groups/sum_other_doc_count")) > 0 {
        return Ok(passages);
    }
    let cap = req.per_article.map_or(u64::MAX, |n| n as u64);
    let buckets = answer
        .pointer("/aggregations/groups/buckets")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    Ok(buckets
        .iter()
        .map(|b| count(b.pointer("/best/buckets/0/doc_count")).min(cap))
        .sum())
}

/// Most hits Quickwit returns for one request; more are fetched page by page.
const PAGE: usize = 10_000;

/// The best `size` documents in the requested order, with their scores: pages of at most
/// [`PAGE`], each after the sort values of the previous page's last hit.
pub(super) fn fetch_hits(
    client: &Client,
    index_id: &str,
    t: &Translated,
    sort: SortBy,
    size: usize,
) -> Result<Vec<(f32, Stored)>> {
    let mut out: Vec<(f32, Stored)> = Vec::new();
    let mut after: Option<Json> = None;
    while out.len() < size {
        let page = (size - out.len()).min(PAGE);
        let mut request = body(t, sort, page);
        if let Some(a) = &after {
            request["search_after"] = a.clone();
        }
        let answer = client.es_search(index_id, &request)?;
        let hits = answer
            .pointer("/hits/hits")
            .and_then(Json::as_array)
            .ok_or_else(|| Error::Quickwit {
                node: client.node().to_string(),
                what: "answered a search without hits: is this a Quickwit node?".to_string(),
            })?;
        for h in hits {
            let stored: Stored = h
                .get("_source")
                .cloned()
                .and_then(|s| serde_json::from_value(s).ok())
                .unwrap_or_default();
            let sort_values = h.get("sort").and_then(Json::as_array);
            let value = |v: Option<&Json>| v.and_then(Json::as_f64).unwrap_or(0.0) as f32;
            // An undated document has no date among its sort values: the score is the last one.
            let score = match sort {
                SortBy::Score => value(sort_values.and_then(|v| v.first())),
                SortBy::Date if t.scored => value(sort_values.and_then(|v| v.last())),
                SortBy::Date => 0.0,
            };
            out.push((score, stored));
        }
        after = hits.last().and_then(|h| h.get("sort")).cloned();
        if hits.len() < page || after.is_none() {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_go_to_a_filter_clause_and_ties_to_the_order_key() {
        let req = Request {
            quotes_only: true,
            ..Request::default()
        };
        let t = translate(&query::parse("vote").unwrap(), &req).unwrap();
        let b = body(&t, SortBy::Score, 20);
        assert_eq!(b["size"], 20);
        assert_eq!(
            b["query"]["bool"]["filter"][0]["query_string"]["query"],
            "flags:quote"
        );
        assert_eq!(b["sort"][1]["order"]["order"], "asc");
        let all = translate(&query::Node::All, &req).unwrap();
        let by_date = body(&all, SortBy::Date, 5);
        assert_eq!(by_date["sort"][0]["date"]["order"], "desc");
        assert_eq!(by_date["sort"][1]["order"]["order"], "asc");
        let scored_by_date = body(&t, SortBy::Date, 5);
        assert_eq!(scored_by_date["sort"][1]["_score"]["order"], "desc");
    }
}
