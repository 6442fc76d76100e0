//! dossier's query language and filters in Quickwit's query language: a pure function of the
//! parsed query tree ([`crate::search::query::Node`]) and the request's filters.
//!
//! Quickwit has no stemming tokenizer, so the documents carry dossier's analyzed form in fields of
//! their own (see [`super::config`]) and every query word is analyzed here exactly as the local
//! index analyzes it (`en_stem` for text, title and quotes; lower-cased words for names). The
//! local scoring is kept: a word or phrase must match the passage text, and a match in the title
//! (x2) or inside a quotation (x1.5) adds to the score. Quickwit's query language has no optional
//! clause beside a required one, so `text + 2 title + 1.5 quote` is written
//! `text^0.5 AND (text^0.5 OR title^2 OR quote^1.5)`, whose BM25 sum is the same. A prefix is one
//! regular expression over the stemmed terms (constant score, as the local prefix query).
//! Filters narrow without scoring: they come back apart, for a `filter` clause.
//!
//! Not for sending anything (see [`super::search`]).

use tantivy::tokenizer::TextAnalyzer;

use super::config::{
    ACTOR_WORDS, DATE, FLAGS, MENTIONS, QUOTE_STEM, SOURCE_KEY, SPEAKER_WORDS, TEXT_STEM,
    TITLE_STEM,
};
use crate::error::{Error, Result};
use crate::extract::types::CivilDate;
use crate::index;
use crate::search::query::{Node, Scope};
use crate::search::Request;

/// Stands for a word the analyzer dropped (longer than 40 bytes), so positions stay aligned.
pub const GAP: &str = "_";

/// A request in Quickwit's terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Translated {
    /// The scored query, in Quickwit's query language.
    pub query: String,
    /// Constant-score filters, each in Quickwit's query language (all must match).
    pub filters: Vec<String>,
    /// Article date on or after this instant (seconds since the epoch; `--since`).
    pub start_timestamp: Option<i64>,
    /// Article date before this instant (seconds, exclusive; the day after `--until`).
    pub end_timestamp: Option<i64>,
    /// False when the query only filters (`*`): scores mean nothing.
    pub scored: bool,
}

/// Translates `node` (the parsed `req.query`) and the filters of `req`.
pub fn translate(node: &Node, req: &Request) -> Result<Translated> {
    let mut t = Translator {
        stems: index::en_stem(),
        words: index::words(),
    };
    let query = match t.node(node)? {
        Part::Query(q) => q,
        Part::Nothing => "NOT *".to_string(),
        Part::Skip => {
            return Err(Error::Query(
                "the query has no searchable words".to_string(),
            ))
        }
    };
    let mut filters = Vec::new();
    if !req.sources.is_empty() {
        let any: Vec<String> = req
            .sources
            .iter()
            .map(|s| format!("{SOURCE_KEY}:{}", quoted_raw(&s.to_lowercase())))
            .collect();
        filters.push(format!("({})", any.join(" OR ")));
    }
    for name in &req.actors {
        filters.push(t.name_filter(ACTOR_WORDS, name)?);
    }
    for name in &req.speakers {
        filters.push(t.name_filter(SPEAKER_WORDS, name)?);
    }
    if req.quotes_only {
        filters.push(format!("{FLAGS}:quote"));
    }
    for period in &req.mentions {
        filters.push(format!("{MENTIONS}:{}", quoted_raw(period)));
    }
    let start_timestamp = req.since.map(day_start);
    let end_timestamp = req.until.map(|d| day_start(d.add_days(1)));
    if start_timestamp.is_some() || end_timestamp.is_some() {
        let bound = |t: Option<i64>| t.map_or_else(|| "*".to_string(), rfc3339);
        filters.push(format!(
            "{DATE}:[{} TO {}}}",
            bound(start_timestamp),
            bound(end_timestamp)
        ));
    }
    Ok(Translated {
        query,
        filters,
        start_timestamp,
        end_timestamp,
        scored: !matches!(node, Node::All),
    })
}

/// The analyzed form of `text` for a stemmed field: stems separated by spaces, a [`GAP`] where
/// the analyzer dropped a word, so that position `n` in Quickwit is position `n` locally.
pub fn stemmed(analyzer: &mut TextAnalyzer, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut next = 0;
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        for _ in next..t.position {
            push_word(&mut out, GAP);
        }
        push_word(&mut out, &t.text);
        next = t.position + 1;
    }
    out
}

fn push_word(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(w);
}

/// Midnight UTC of `d`, in seconds since the epoch.
fn day_start(d: CivilDate) -> i64 {
    d.days_since_epoch() * 86_400
}

/// An instant as RFC 3339 (UTC), as Quickwit's range queries take it.
fn rfc3339(secs: i64) -> String {
    let d = CivilDate::from_days_since_epoch(secs.div_euclid(86_400));
    super::config::rfc3339_day(d).unwrap_or_else(|| {
        // Outside years 0 to 9999: the range is open on that side.
        "*".to_string()
    })
}

/// A raw value in double quotes (backslash and quote escaped).
pub fn quoted_raw(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// What a node becomes.
enum Part {
    /// A query.
    Query(String),
    /// Nothing can match (a prefix no term can start with).
    Nothing,
    /// Nothing searchable (only punctuation): left out, as the local builder leaves it out.
    Skip,
}

struct Translator {
    stems: TextAnalyzer,
    words: TextAnalyzer,
}

impl Translator {
    fn name_filter(&mut self, field: &str, name: &str) -> Result<String> {
        let words = stemmed(&mut self.words, name);
        if words.is_empty() {
            return Err(Error::Usage(format!(
                "bad name `{name}`: it has no letters or digits"
            )));
        }
        Ok(format!("{field}:\"{words}\""))
    }

    fn node(&mut self, node: &Node) -> Result<Part> {
        Ok(match node {
            Node::All => Part::Query("*".to_string()),
            Node::Term {
                scope,
                text,
                prefix: false,
            }
            | Node::Phrase { scope, text } => {
                let analyzer = match scope {
                    Scope::Actor | Scope::Speaker => &mut self.words,
                    _ => &mut self.stems,
                };
                let words = stemmed(analyzer, text);
                if words.is_empty() {
                    Part::Skip
                } else {
                    Part::Query(per_field(*scope, |field| format!("{field}:\"{words}\"")))
                }
            }
            Node::Term {
                scope,
                text,
                prefix: true,
            } => self.prefix(*scope, text)?,
            Node::And(items) => {
                let mut positive = Vec::new();
                let mut negative = Vec::new();
                for item in items {
                    let (inner, negated) = match item {
                        Node::Not(inner) => (inner.as_ref(), true),
                        other => (other, false),
                    };
                    match (self.node(inner)?, negated) {
                        (Part::Query(q), false) => positive.push(q),
                        (Part::Query(q), true) => negative.push(q),
                        // Nothing AND x is nothing; NOT nothing narrows nothing.
                        (Part::Nothing, false) => return Ok(Part::Nothing),
                        (Part::Nothing, true) | (Part::Skip, _) => {}
                    }
                }
                if positive.is_empty() && negative.is_empty() {
                    return Ok(Part::Skip);
                }
                if positive.is_empty() {
                    positive.push("*".to_string());
                }
                let mut q = positive.join(" AND ");
                for n in negative {
                    q.push_str(" AND NOT ");
                    q.push_str(&n);
                }
                Part::Query(format!("({q})"))
            }
            Node::Or(items) => {
                let mut alternatives = Vec::new();
                let mut nothing = false;
                for item in items {
                    match self.node(item)? {
                        Part::Query(q) => alternatives.push(q),
                        Part::Nothing => nothing = true,
                        Part::Skip => {}
                    }
                }
                match alternatives.len() {
                    0 if nothing => Part::Nothing,
                    0 => Part::Skip,
                    1 => Part::Query(alternatives.remove(0)),
                    _ => Part::Query(format!("({})", alternatives.join(" OR "))),
                }
            }
            Node::Not(inner) => match self.node(inner)? {
                Part::Query(q) => Part::Query(format!("(* AND NOT {q})")),
                Part::Nothing => Part::Query("*".to_string()),
                Part::Skip => Part::Skip,
            },
        })
    }

    /// `word*`: the terms starting with the lower-cased prefix, and for the stemmed fields the
    /// stems that words starting with it can have (the prefix's own stem, the prefix cut by one
    /// to three letters), as the local prefix query takes them.
    fn prefix(&mut self, scope: Scope, text: &str) -> Result<Part> {
        let lower = crate::search::lower_prefix(text)?;
        if lower.is_empty() {
            return Ok(Part::Query("*".to_string()));
        }
        let word = |s: &str| !s.is_empty() && s.chars().all(char::is_alphanumeric);
        let mut alternatives: Vec<String> = Vec::new();
        if word(&lower) {
            alternatives.push(format!("{lower}.*"));
        }
        if !matches!(scope, Scope::Actor | Scope::Speaker) {
            let mut stems = crate::search::prefix_stems(&lower);
            stems.retain(|s| word(s));
            alternatives.extend(stems);
        }
        if alternatives.is_empty() {
            return Ok(Part::Nothing);
        }
        let regex = alternatives.join("|");
        Ok(Part::Query(per_field(scope, |field| {
            format!("{field}:/{regex}/")
        })))
    }
}

/// The query of one word, phrase or prefix in `scope`: for any field, required in the text with
/// the title and quotation matches adding to the score (see the module comment).
fn per_field(scope: Scope, clause: impl Fn(&str) -> String) -> String {
    match scope {
        Scope::Any => {
            let text = clause(TEXT_STEM);
            format!(
                "({text}^0.5 AND ({text}^0.5 OR {}^2 OR {}^1.5))",
                clause(TITLE_STEM),
                clause(QUOTE_STEM)
            )
        }
        Scope::Text => clause(TEXT_STEM),
        Scope::Title => clause(TITLE_STEM),
        Scope::Quote => clause(QUOTE_STEM),
        Scope::Actor => clause(ACTOR_WORDS),
        Scope::Speaker => clause(SPEAKER_WORDS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn q(query: &str) -> String {
        let req = Request {
            query: query.to_string(),
            ..Request::default()
        };
        translate(&parse(query).unwrap(), &req).unwrap().query
    }

    fn any(clause: &str) -> String {
        let f = |field: &str| clause.replace("F", field);
        format!(
            "({}^0.5 AND ({}^0.5 OR {}^2 OR {}^1.5))",
            f("text_stem"),
            f("text_stem"),
            f("title_stem"),
            f("quote_stem")
        )
    }

    #[test]
    fn words_are_stemmed_and_boosted_as_locally() {
        assert_eq!(q("Elections"), any("F:\"elect\""));
        assert_eq!(q("text:voting"), "text_stem:\"vote\"");
        assert_eq!(q("title:ballots"), "title_stem:\"ballot\"");
        assert_eq!(q("quote:confidence"), "quote_stem:\"confid\"");
    }

    #[test]
    fn phrases_keep_their_words_in_order() {
        assert_eq!(q("\"voting systems\""), any("F:\"vote system\""));
        assert_eq!(q("quote:\"high confidence\""), "quote_stem:\"high confid\"");
        // A word the analyzer drops keeps its position.
        let long = "a".repeat(41);
        assert_eq!(
            q(&format!("text:\"big {long} deal\"")),
            "text_stem:\"big _ deal\""
        );
    }

    #[test]
    fn names_are_lowercased_words_not_stems() {
        assert_eq!(q("actor:Putin"), "actor_words:\"putin\"");
        assert_eq!(
            q("speaker:\"William Barr\""),
            "speaker_words:\"william barr\""
        );
        assert_eq!(q("actor:elections"), "actor_words:\"elections\"");
    }

    #[test]
    fn boolean_operators_and_groups() {
        let russia = any("F:\"russia\"");
        let iran = any("F:\"iran\"");
        let china = any("F:\"china\"");
        let trump = any("F:\"trump\"");
        assert_eq!(
            q("russia (iran OR china) -trump"),
            format!("({russia} AND ({iran} OR {china}) AND NOT {trump})")
        );
        assert_eq!(
            q("russia AND NOT iran"),
            format!("({russia} AND NOT {iran})")
        );
        assert_eq!(q("russia OR iran"), format!("({russia} OR {iran})"));
        assert_eq!(q("-trump"), format!("(* AND NOT {trump})"));
        assert_eq!(q("NOT trump"), format!("(* AND NOT {trump})"));
        assert_eq!(
            q("title:(vote OR ballot)"),
            "(title_stem:\"vote\" OR title_stem:\"ballot\")"
        );
    }

    #[test]
    fn prefixes_are_one_regex_over_terms_and_stems() {
        // "immigration" is stored as `immigr`: the cut prefixes find it.
        assert_eq!(
            q("text:immigra*"),
            "text_stem:/immigra.*|immi|immig|immigr/"
        );
        assert_eq!(q("interfer*"), any("F:/interfer.*|inter|interf|interfe/"));
        assert_eq!(q("actor:pu*"), "actor_words:/pu.*/");
        // Upper case is lowered character by character.
        assert_eq!(q("title:VOT*"), "title_stem:/vot.*/");
        // A prefix no term can start with matches nothing.
        assert_eq!(q("text:u.s*"), "NOT *");
        assert_eq!(q("text:u.s* OR iran"), q("iran"));
    }

    #[test]
    fn star_is_everything() {
        assert_eq!(q("*"), "*");
        assert_eq!(q(""), "*");
        let req = Request::default();
        assert!(!translate(&Node::All, &req).unwrap().scored);
        assert!(translate(&parse("x").unwrap(), &req).unwrap().scored);
    }

    #[test]
    fn errors_match_the_local_builder() {
        let req = Request::default();
        let e = translate(&parse("!!!").unwrap(), &req).unwrap_err();
        assert!(e.to_string().contains("no searchable words"), "{e}");
        let long = format!("{}*", "a".repeat(65));
        assert!(translate(&parse(&long).unwrap(), &req).is_err());
        let bad_name = Request {
            actors: vec!["!!".into()],
            ..Request::default()
        };
        assert!(translate(&Node::All, &bad_name).is_err());
    }

    #[test]
    fn sources_are_any_of_them_in_any_case() {
        let req = Request {
            query: "*".into(),
            sources: vec!["Example Wire".into(), "the \"Post\"".into()],
            ..Request::default()
        };
        let t = translate(&Node::All, &req).unwrap();
        assert_eq!(
            t.filters,
            [r#"(source_key:"example wire" OR source_key:"the \"post\"")"#]
        );
    }

    #[test]
    fn each_filter_is_a_constant_score_clause() {
        let req = Request {
            query: "*".into(),
            actors: vec!["Vladimir Putin".into()],
            speakers: vec!["barr".into()],
            quotes_only: true,
            mentions: vec!["2020-10".into()],
            since: CivilDate::new(2020, 3, 1),
            until: CivilDate::new(2020, 6, 30),
            ..Request::default()
        };
        let t = translate(&Node::All, &req).unwrap();
        assert_eq!(t.query, "*");
        assert_eq!(
            t.filters,
            [
                "actor_words:\"vladimir putin\"",
                "speaker_words:\"barr\"",
                "flags:quote",
                "mentions:\"2020-10\"",
                "date:[2020-03-01T00:00:00Z TO 2020-07-01T00:00:00Z}",
            ]
        );
        assert_eq!(t.start_timestamp, Some(1_583_020_800));
        assert_eq!(t.end_timestamp, Some(1_593_561_600));
    }

    #[test]
    fn open_date_ranges() {
        let since = Request {
            since: CivilDate::new(2016, 1, 1),
            ..Request::default()
        };
        let t = translate(&Node::All, &since).unwrap();
        assert_eq!(t.filters, ["date:[2016-01-01T00:00:00Z TO *}"]);
        let until = Request {
            until: CivilDate::new(1999, 12, 31),
            ..Request::default()
        };
        let t = translate(&Node::All, &until).unwrap();
        assert_eq!(t.filters, ["date:[* TO 2000-01-01T00:00:00Z}"]);
        assert_eq!(t.start_timestamp, None);
    }

    #[test]
    fn stemmed_form_is_one_word_per_position() {
        let mut a = index::en_stem();
        assert_eq!(
            stemmed(&mut a, "The Voting-systems, held!"),
            "the vote system held"
        );
        assert_eq!(stemmed(&mut a, "  "), "");
    }
}
