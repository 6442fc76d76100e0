//! Search: a query string and filters in, ranked passages with highlights out.
//!
//! `query` parses the query language, `build` turns it into a tantivy query (expanding prefixes,
//! boosting title and quote matches), `highlight` marks what matched in each passage.
//! Printing is not done here (see `output`).

mod build;
pub use build::{all_passages, lower_prefix, prefix_stems};
mod hit;
pub use hit::{Hit, HitQuote};
pub mod highlight;
mod prefix;
pub mod query;

use std::collections::HashMap;
use std::ops::Bound;

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::TopDocs;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DateTime, Order, Searcher, TantivyDocument, Term};

use crate::dupes::Clusters;
use crate::error::{Error, Result};
use crate::extract::types::CivilDate;
use crate::extract::CharMap;
use crate::index::{
    from_datetime, to_datetime, Fields, Store, ARTICLE_FIELD, DATE_FIELD, KIND_FILE, ORDER_FIELD,
};

/// BM25 statistics counting passages only. tantivy counts every document slot of the index,
/// file records included, replaced ones too until a merge drops them; so scores would depend on
/// how many records an index happens to hold (a merged index holds each shard's, deleted).
struct PassageStatistics<'a> {
    searcher: &'a Searcher,
    passages: u64,
}

impl<'a> PassageStatistics<'a> {
    fn new(searcher: &'a Searcher, f: &Fields) -> Result<PassageStatistics<'a>> {
        let slots: u64 = searcher
            .segment_readers()
            .iter()
            .map(|s| u64::from(s.max_doc()))
            .sum();
        // doc_freq counts deleted records as well, like max_doc.
        let records = searcher.doc_freq(&Term::from_field_text(f.kind, KIND_FILE))?;
        Ok(PassageStatistics {
            searcher,
            passages: slots.saturating_sub(records).max(1),
        })
    }
}

impl Bm25StatisticsProvider for PassageStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.passages)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

/// Order of the hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Best BM25 score first.
    #[default]
    Score,
    /// Newest article date first (undated last).
    Date,
}

/// A search to run.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The query in dossier's query language.
    pub query: String,
    /// Passages must name each of these actors (canonical names, case-insensitive).
    pub actors: Vec<String>,
    /// Passages must hold a quote by each of these speakers.
    pub speakers: Vec<String>,
    /// Passages must come from one of these sources (whole names, any case); empty: any source.
    pub sources: Vec<String>,
    /// Passages must hold a quote.
    pub quotes_only: bool,
    /// Article date on or after this day.
    pub since: Option<CivilDate>,
    /// Article date on or before this day.
    pub until: Option<CivilDate>,
    /// Passages must mention a date within each of these periods (`2020`, `2020-10`, `2020-10-05`).
    pub mentions: Vec<String>,
    /// Most hits returned.
    pub limit: usize,
    /// Hits skipped before the first one returned (paging; ranks count from the first skipped).
    pub offset: usize,
    /// Order of the hits.
    pub sort: SortBy,
    /// At most this many passages of one article (None: no cap).
    pub per_article: Option<usize>,
    /// Show every copy of a story instead of the best-ranked one per near-duplicate cluster.
    pub all_copies: bool,
}

/// The query a request runs: its query and filters as one tantivy query, with what highlighting
/// needs. Shared by `search` and the analysis views, so they match the same set.
pub struct Matching {
    /// Query and filters; only the query scores.
    pub query: BooleanQuery,
    /// Highlight matchers of the query's words and phrases, and of the names it filters on.
    pub matchers: Vec<highlight::Matcher>,
    /// Highlight matchers that mark only inside the passage's quotations.
    pub quote_matchers: Vec<highlight::Matcher>,
    /// Highlight matchers of the title.
    pub title_matchers: Vec<highlight::Matcher>,
    /// False when the query scores nothing (`*` with filters).
    pub scored: bool,
}

/// Builds the query and filters of `req`.
pub fn matching(store: &Store, req: &Request) -> Result<Matching> {
    let node = query::parse(&req.query).map_err(Error::Query)?;
    let f = &store.fields;
    let mut built = build::build(&store.index, f, &node)?;
    // Filters narrow the hits; only the query ranks them. The names they filter on are marked.
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    for name in &req.actors {
        filters.push(build::name_filter(&store.index, f.actor_text, name)?);
        built
            .matchers
            .extend(build::name_matcher(&store.index, f, name)?);
    }
    for name in &req.speakers {
        filters.push(build::name_filter(&store.index, f.speaker_text, name)?);
        built
            .matchers
            .extend(build::name_matcher(&store.index, f, name)?);
    }
    if !req.sources.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = req
            .sources
            .iter()
            .map(|s| (Occur::Should, exact(f.source, &s.to_lowercase())))
            .collect();
        filters.push(Box::new(BooleanQuery::new(any)));
    }
    if req.quotes_only {
        filters.push(exact(f.flags, "quote"));
    }
    for period in &req.mentions {
        filters.push(exact(f.mentions, period));
    }
    if req.since.is_some() || req.until.is_some() {
        let bound = |d: Option<CivilDate>, inclusive: bool| match d {
            None => Bound::Unbounded,
            Some(d) => {
                let term = Term::from_field_date_for_search(f.date, to_datetime(d));
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
        };
        let until_next = req.until.map(|d| d.add_days(1));
        filters.push(Box::new(RangeQuery::new(
            bound(req.since, true),
            bound(until_next, false),
        )));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, built.query)];
    clauses.extend(filters.into_iter().map(|q| -> (Occur, Box<dyn Query>) {
        (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
    }));
    Ok(Matching {
        query: BooleanQuery::new(clauses),
        matchers: built.matchers,
        quote_matchers: built.quote_matchers,
        title_matchers: built.title_matchers,
        scored: built.scored,
    })
}

/// Runs `req` against the index in `store`, read through `searcher` (from [`Store::searcher`]).
pub fn search(store: &Store, searcher: &Searcher, req: &Request) -> Result<Vec<Hit>> {
    let clusters = Clusters::load(&store.dir, searcher)?;
    search_with(store, searcher, &clusters, req)
}

/// As [`search`], with the near-duplicate clusters of `searcher` already loaded (a long-lived
/// server loads them once per index generation).
pub fn search_with(
    store: &Store,
    searcher: &Searcher,
    clusters: &Clusters,
    req: &Request,
) -> Result<Vec<Hit>> {
    let m = matching(store, req)?;
    let f = &store.fields;
    let stats = PassageStatistics::new(searcher, &store.fields)?;
    let Fetch {
        limit,
        wanted,
        filtering,
        mut fetch,
    } = Fetch::of(req);
    let kept = loop {
        let found = rank(searcher, &m, req.sort, fetch, &stats)?;
        let exhausted = found.len() < fetch;
        let kept = if filtering {
            select(searcher, clusters, req, found, wanted)?
        } else {
            found
        };
        if kept.len() >= wanted || exhausted {
            break kept;
        }
        fetch = fetch.saturating_mul(4);
    };
    let mut marks = Marks::new(m);
    let mut hits = Vec::with_capacity(kept.len());
    for (rank, (score, addr)) in kept.into_iter().enumerate().skip(req.offset).take(limit) {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = first_str(&doc, f.text);
        let quotes: Vec<HitQuote> = doc
            .get_first(f.quotes_json)
            .and_then(|v| v.as_str())
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let title = first_str(&doc, f.title);
        let (highlights, title_highlights) = marks.mark(&text, &quotes, &title);
        let doc_id = first_str(&doc, f.doc_id);
        let article = doc
            .get_first(f.article)
            .and_then(|v| v.as_u64())
            .unwrap_or_default();
        let cluster = clusters.cluster_of(article);
        hits.push(Hit {
            rank: rank + 1,
            score,
            cluster: cluster
                .as_ref()
                .map_or_else(|| doc_id.clone(), |c| c.id.clone()),
            copies: cluster.map_or(0, |c| c.members.len() - 1),
            doc_id,
            title,
            title_highlights,
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(|d| from_datetime(d).to_string()),
            source: first_str(&doc, f.source),
            url: first_str(&doc, f.url),
            path: first_str(&doc, f.path),
            line: doc.get_first(f.line).and_then(|v| v.as_u64()),
            page: doc.get_first(f.page).and_then(|v| v.as_u64()),
            passage: doc
                .get_first(f.passage)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            highlights,
            actors: all_str(&doc, f.actor_name),
            quotes,
            dates: all_str(&doc, f.dates),
            text,
        });
    }
    Ok(hits)
}

/// The highlighters of a request's matchers: what a hit marks in its text and its title.
pub struct Marks {
    text: highlight::Highlighter,
    quotes: highlight::Highlighter,
    title: highlight::Highlighter,
}

impl Marks {
    /// The highlighters of `m`'s matchers.
    pub fn new(m: Matching) -> Marks {
        Marks {
            text: highlight::Highlighter::new(m.matchers),
            quotes: highlight::Highlighter::new(m.quote_matchers),
            title: highlight::Highlighter::new(m.title_matchers),
        }
    }

    /// The `highlights` and `title_highlights` of a hit (character offsets): the query's
    /// matches in `text`, its `quote:` matches only inside the passage's `quotes`, its title
    /// matches in `title`.
    pub fn mark(
        &mut self,
        text: &str,
        quotes: &[HitQuote],
        title: &str,
    ) -> (Vec<[usize; 2]>, Vec<[usize; 2]>) {
        let mut spans = self.text.spans(text);
        let inside = quote_regions(text, quotes);
        spans.extend(
            self.quotes
                .spans(text)
                .into_iter()
                .filter(|r| inside.iter().any(|q| q.start <= r.start && r.end <= q.end)),
        );
        let highlights = char_spans(text, highlight::merge(spans));
        let title_highlights = char_spans(title, self.title.spans(title));
        (highlights, title_highlights)
    }
}

/// Byte ranges of `text` as character offsets.
fn char_spans(text: &str, spans: Vec<std::ops::Range<usize>>) -> Vec<[usize; 2]> {
    let map = CharMap::new(text);
    spans
        .iter()
        .map(|r| [map.chars(r.start), map.chars(r.end)])
        .collect()
}

/// Where the passage's quotations are in its text (byte ranges).
fn quote_regions(text: &str, quotes: &[HitQuote]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for q in quotes {
        if q.text.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(at) = text[from..].find(q.text.as_str()) {
            let start = from + at;
            out.push(start..start + q.text.len());
            from = start + q.text.len();
        }
    }
    out
}

/// The best `fetch` passages in the requested order.
fn rank(
    searcher: &Searcher,
    m: &Matching,
    sort: SortBy,
    fetch: usize,
    stats: &PassageStatistics,
) -> Result<Vec<(f32, tantivy::DocAddress)>> {
    Ok(match sort {
        SortBy::Score => top_by_score(searcher, &m.query, fetch, stats)?,
        SortBy::Date => {
            // Newest first, then best score; undated passages last.
            let by_date = (
                (
                    SortByStaticFastValue::<DateTime>::for_field(DATE_FIELD),
                    Order::Desc,
                ),
                (SortBySimilarityScore, Order::Desc),
                (tie_break(), Order::Asc),
            );
            let found: Vec<(DateKey, tantivy::DocAddress)> = searcher
                .search_with_statistics_provider(
                    &m.query,
                    &TopDocs::with_limit(fetch).order_by(by_date),
                    stats,
                )?;
            found
                .into_iter()
                .map(|((_, score, _), addr)| (if m.scored { score } else { 0.0 }, addr))
                .collect()
        }
    })
}

/// Keeps, in rank order, at most `wanted` passages: one article per cluster unless
/// `all_copies` (the first-ranked article of a cluster stands for its copies), at most
/// `per_article` passages of one article.
fn select(
    searcher: &Searcher,
    clusters: &Clusters,
    req: &Request,
    found: Vec<(f32, tantivy::DocAddress)>,
    wanted: usize,
) -> Result<Vec<(f32, tantivy::DocAddress)>> {
    let mut articles = SegmentColumns::new(searcher, ARTICLE_FIELD);
    let mut keys = Vec::with_capacity(found.len());
    for (_, addr) in &found {
        let article = articles.get(*addr)?.unwrap_or_default();
        keys.push((article, clusters.key_of(article)));
    }
    let kept = keep(req, &keys, wanted);
    Ok(kept.into_iter().map(|i| found[i]).collect())
}

/// How many ranked passages a request asks for first.
pub struct Fetch {
    /// Hits shown.
    pub limit: usize,
    /// Hits ranked and kept: those skipped by `offset`, then the `limit` shown.
    pub wanted: usize,
    /// Whether copies are collapsed or passages per article capped, which drops ranked passages.
    pub filtering: bool,
    /// Passages to rank first; when filtering leaves fewer than `limit`, rank four times more.
    pub fetch: usize,
}

impl Fetch {
    /// The first fetch of `req`.
    pub fn of(req: &Request) -> Fetch {
        let limit = req.limit.max(1);
        let wanted = limit.saturating_add(req.offset);
        let filtering = !req.all_copies || req.per_article.is_some();
        Fetch {
            limit,
            wanted,
            filtering,
            fetch: if filtering {
                wanted.saturating_mul(2).saturating_add(10)
            } else {
                wanted
            },
        }
    }
}

/// Which of the ranked passages, given as (article key, cluster key), a request shows, in rank
/// order: at most `wanted`; one article per cluster unless `all_copies` (the first-ranked
/// article of a cluster stands for its copies); at most `per_article` passages of one article.
pub fn keep(req: &Request, keys: &[(u64, u64)], wanted: usize) -> Vec<usize> {
    let mut shown: HashMap<u64, u64> = HashMap::new();
    let mut per_article: HashMap<u64, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(wanted);
    for (i, &(article, cluster)) in keys.iter().enumerate() {
        if kept.len() >= wanted {
            break;
        }
        if !req.all_copies {
            let shown_article = *shown.entry(cluster).or_insert(article);
            if shown_article != article {
                continue;
            }
        }
        if let Some(cap) = req.per_article {
            let n = per_article.entry(article).or_default();
            if *n >= cap {
                continue;
            }
            *n += 1;
        }
        kept.push(i);
    }
    kept
}

/// Sort key of `--sort date`: the date, the score, the tie-break key.
type DateKey = (Option<DateTime>, f32, Option<u64>);

/// The `limit` best passages by score, equal scores ordered by the stable `order` key.
///
/// First the cheap way: tantivy's top-by-score collector, asked for one hit more than wanted.
/// When the last wanted hit scores strictly above that extra one, no passage left out can tie
/// with a kept one, so the kept set is exact and sorting it by (score, order) gives the answer.
/// When a tie straddles the cut (common when nothing is scored, as for `*` with filters), the
/// collector that compares (score, order) for every match decides.
fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    stats: &PassageStatistics,
) -> Result<Vec<(f32, tantivy::DocAddress)>> {
    let probe: Vec<(f32, tantivy::DocAddress)> = searcher.search_with_statistics_provider(
        query,
        &TopDocs::with_limit(limit.saturating_add(1)).order_by_score(),
        stats,
    )?;
    if probe.len() <= limit || probe[limit - 1].0 > probe[limit].0 {
        let mut order = SegmentColumns::new(searcher, ORDER_FIELD);
        let mut keyed = Vec::with_capacity(limit);
        for (score, addr) in probe.into_iter().take(limit) {
            keyed.push((score, order.get(addr)?, addr));
        }
        // As the exact collector: score descending, then order ascending, a missing order last
        // (every passage has one; file records match no query).
        keyed.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.is_none().cmp(&b.1.is_none()))
                .then(a.1.cmp(&b.1))
        });
        return Ok(keyed.into_iter().map(|(s, _, a)| (s, a)).collect());
    }
    let by_score = (
        (SortBySimilarityScore, Order::Desc),
        (tie_break(), Order::Asc),
    );
    let found: Vec<((f32, Option<u64>), tantivy::DocAddress)> = searcher
        .search_with_statistics_provider(
            query,
            &TopDocs::with_limit(limit).order_by(by_score),
            stats,
        )?;
    Ok(found
        .into_iter()
        .map(|((score, _), addr)| (score, addr))
        .collect())
}

/// A fast u64 column read at scattered addresses: each segment's column opened once, when a
/// document of it is first asked for.
struct SegmentColumns<'a> {
    searcher: &'a Searcher,
    field: &'static str,
    columns: Vec<Option<tantivy::columnar::Column<u64>>>,
}

impl<'a> SegmentColumns<'a> {
    fn new(searcher: &'a Searcher, field: &'static str) -> SegmentColumns<'a> {
        SegmentColumns {
            searcher,
            field,
            columns: vec![None; searcher.segment_readers().len()],
        }
    }

    fn get(&mut self, addr: tantivy::DocAddress) -> tantivy::Result<Option<u64>> {
        let column = match &mut self.columns[addr.segment_ord as usize] {
            Some(c) => c,
            slot => slot.insert(
                self.searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64(self.field)?,
            ),
        };
        Ok(column.first(addr.doc_id))
    }
}

/// Equal sort keys are ordered by the passage's stable key, not by where tantivy put it.
fn tie_break() -> SortByStaticFastValue<u64> {
    SortByStaticFastValue::for_field(ORDER_FIELD)
}

fn exact(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn first_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn all_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// Parses a date given on the command line (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as the first or
/// the last day of the period it names.
pub fn parse_period(s: &str, last: bool) -> std::result::Result<CivilDate, String> {
    let bad = || format!("bad date `{s}`: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2020-10)");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = num(parts[0], 4).ok_or_else(bad)? as i32;
    let d = match parts.len() {
        1 => {
            if last {
                CivilDate::new(year, 12, 31)
            } else {
                CivilDate::new(year, 1, 1)
            }
        }
        2 => {
            let m = num(parts[1], 2).ok_or_else(bad)?;
            if last {
                CivilDate::new(year, m, crate::extract::types::days_in_month(year, m))
            } else {
                CivilDate::new(year, m, 1)
            }
        }
        3 => CivilDate::new(
            year,
            num(parts[1], 2).ok_or_else(bad)?,
            num(parts[2], 2).ok_or_else(bad)?,
        ),
        _ => None,
    };
    d.ok_or_else(bad)
}

/// Checks a `--mentions` period and returns it in the form the index stores.
pub fn parse_mention(s: &str) -> std::result::Result<String, String> {
    parse_period(s, false)?;
    Ok(s.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(
            parse_period("2020", true).unwrap().to_string(),
            "2020-12-31"
        );
        assert_eq!(
            parse_period("2020-02", true).unwrap().to_string(),
            "2020-02-29"
        );
        assert_eq!(
            parse_period("2020-02", false).unwrap().to_string(),
            "2020-02-01"
        );
        assert!(parse_period("2021-02-30", false).is_err());
        assert!(parse_period("20", false).is_err());
        assert!(parse_period("2020-1", false).is_err());
    }
}
