//! Turns a parsed query into a tantivy query: analyzes words with each field's analyzer (so
//! stemming matches the index), expands prefixes over the term dictionary, boosts title and quote
//! matches, and collects what the highlighter must mark.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, Term};

use super::highlight::Matcher;
use super::prefix::PrefixQuery;
use super::query::{Node, Scope};
use crate::error::{Error, Result};
use crate::index::{Fields, KIND_FILE};

/// Boost of a match in the title over one in the passage text.
const TITLE_BOOST: f32 = 2.0;
/// Boost of a match inside a quotation.
const QUOTE_BOOST: f32 = 1.5;

/// The tantivy query of a parsed query, with the matchers for highlighting.
pub struct Built {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// What to highlight in passage text.
    pub matchers: Vec<Matcher>,
    /// What to highlight in passage text only inside quotations (`quote:` words).
    pub quote_matchers: Vec<Matcher>,
    /// What to highlight in the title.
    pub title_matchers: Vec<Matcher>,
    /// False when the query only filters (`*`), so scores mean nothing.
    pub scored: bool,
}

/// Builds the query for `node`.
pub fn build(index: &Index, f: &Fields, node: &Node) -> Result<Built> {
    let mut b = Builder {
        index,
        f,
        matchers: Vec::new(),
        quote_matchers: Vec::new(),
        title_matchers: Vec::new(),
    };
    let query = match b.node(node, true)? {
        Some(q) => q,
        None => {
            return Err(Error::Query(
                "the query has no searchable words".to_string(),
            ))
        }
    };
    let scored = !matches!(node, Node::All);
    Ok(Built {
        query,
        matchers: b.matchers,
        quote_matchers: b.quote_matchers,
        title_matchers: b.title_matchers,
        scored,
    })
}

/// A filter on a name: passages naming an actor (or speaker) whose name holds the words of
/// `name` in that order (`putin` finds "Vladimir Putin"; an exact canonical name matches too,
/// since its words are the name's own).
pub fn name_filter(index: &Index, words: Field, name: &str) -> Result<Box<dyn Query>> {
    let tokens = analyze_at(&mut index.tokenizer_for_field(words)?, name);
    if tokens.is_empty() {
        return Err(Error::Usage(format!(
            "bad name `{name}`: it has no letters or digits"
        )));
    }
    Ok(words_query(words, &tokens))
}

/// Every passage (and no file record).
pub fn all_passages(f: &Fields) -> Box<dyn Query> {
    let records = TermQuery::new(
        Term::from_field_text(f.kind, KIND_FILE),
        IndexRecordOption::Basic,
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery)),
        (Occur::MustNot, Box::new(records)),
    ]))
}

fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyze_at(analyzer, text)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// The terms of `text` with their positions (a word the analyzer drops, such as one over 40
/// bytes, leaves a gap, as it does in the index).
fn analyze_at(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

/// One term, or the terms as a phrase at their relative positions.
fn words_query(field: Field, tokens: &[(usize, String)]) -> Box<dyn Query> {
    if let [(_, token)] = tokens {
        Box::new(TermQuery::new(
            Term::from_field_text(field, token),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        let first = tokens.first().map_or(0, |t| t.0);
        let terms = tokens
            .iter()
            .map(|(at, t)| (at - first, Term::from_field_text(field, t)))
            .collect();
        Box::new(PhraseQuery::new_with_offset(terms))
    }
}

struct Builder<'a> {
    index: &'a Index,
    f: &'a Fields,
    matchers: Vec<Matcher>,
    quote_matchers: Vec<Matcher>,
    title_matchers: Vec<Matcher>,
}

/// The highlight matcher of analyzed terms: one term, or a phrase.
fn term_matcher(terms: Vec<String>) -> Matcher {
    if terms.len() == 1 {
        Matcher::Term(terms.into_iter().next().unwrap_or_default())
    } else {
        Matcher::Phrase(terms)
    }
}

/// What to mark in the passage text for a name given to `--actor` or `--speaker` (or an
/// `actor:`/`speaker:` word): its words as the text field analyzes them, so "putin" marks
/// "PUTIN" and "Putin's".
pub fn name_matcher(index: &Index, f: &Fields, name: &str) -> Result<Option<Matcher>> {
    let terms = analyze(&mut index.tokenizer_for_field(f.text)?, name);
    Ok((!terms.is_empty()).then(|| term_matcher(terms)))
}

/// The stems a lower-cased prefix of the stemmed fields (text, title, quote) stands for besides
/// the terms that start with it: its own stem and the prefix with one to three letters cut.
pub fn prefix_stems(prefix: &str) -> Vec<String> {
    let mut stems = analyze(&mut crate::index::en_stem(), prefix);
    if stems.len() != 1 {
        stems.clear();
    }
    let chars: Vec<char> = prefix.chars().collect();
    for cut in 1..=3usize {
        if chars.len() >= cut + 3 {
            stems.push(chars[..chars.len() - cut].iter().collect());
        }
    }
    stems.sort();
    stems.dedup();
    stems.retain(|t| t != prefix);
    stems
}

/// Longest prefix accepted in a `word*` term.
const MAX_PREFIX_CHARS: usize = 64;

/// The prefix of a `word*` term as the index holds words: lower-cased character by character, as
/// tantivy's lower-caser does (`str`'s own would write a final sigma that the index never holds).
/// A prefix longer than 64 characters is refused.
pub fn lower_prefix(text: &str) -> Result<String> {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    if lower.chars().count() > MAX_PREFIX_CHARS {
        return Err(Error::Query(format!(
            "prefix `{}...*` is longer than {MAX_PREFIX_CHARS} characters",
            lower.chars().take(20).collect::<String>()
        )));
    }
    Ok(lower)
}

impl Builder<'_> {
    /// Stemmed terms a prefix stands for besides the terms that start with it: a stemmed field
    /// holds `immigr` for "immigration", so `immigra*` must also take the terms that are the
    /// prefix with up to three letters cut (and the prefix's own stem), which is what the words
    /// starting with it become once stemmed.
    fn prefix_stems(&self, field: Field, prefix: &str) -> Result<Vec<String>> {
        let f = self.f;
        if field != f.text && field != f.title && field != f.quote {
            return Ok(Vec::new());
        }
        Ok(prefix_stems(prefix))
    }
    /// One query from the per-field queries of a word, phrase or prefix: the passage text decides
    /// whether a passage matches; a match in its article's title or inside a quotation only adds
    /// to its score. (A quotation is part of the passage text, so requiring the text loses
    /// nothing.)
    ///
    /// The boosts are nested one at a time, `((text + title) + quote)`, rather than given as two
    /// optional clauses: tantivy then seeks each boost's postings to the passages the text
    /// matched, instead of merging both boost lists in full (about 3.5 M fewer instructions for
    /// a common word on the bench index).
    fn combine(&self, per_field: Vec<(Field, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
        if per_field.len() <= 1 {
            return per_field.into_iter().next().map(|(_, q)| q);
        }
        let (text, boosts): (Vec<_>, Vec<_>) =
            per_field.into_iter().partition(|(f, _)| *f == self.f.text);
        let Some((_, text)) = text.into_iter().next() else {
            // Nothing to match in the text (the word analyzes to nothing there): any field.
            return one_of(
                boosts
                    .into_iter()
                    .map(|(_, q)| (Occur::Should, q))
                    .collect(),
            );
        };
        Some(boosts.into_iter().fold(text, |q, (_, boost)| {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Should, boost),
            ]))
        }))
    }

    /// Records what a word or phrase that matched in `field` marks: in the text (any field, or
    /// `text:`), in the title (any field, or `title:`), inside quotations (`quote:`), or, for an
    /// actor or speaker name, its words where the passage text writes them.
    fn mark(&mut self, field: Field, scope: Scope, text: &str, terms: Vec<String>) -> Result<()> {
        let f = self.f;
        if field == f.text {
            self.matchers.push(term_matcher(terms));
        } else if field == f.title {
            self.title_matchers.push(term_matcher(terms));
        } else if field == f.quote && scope == Scope::Quote {
            self.quote_matchers.push(term_matcher(terms));
        } else if field == f.actor_text || field == f.speaker_text {
            self.matchers.extend(name_matcher(self.index, f, text)?);
        }
        Ok(())
    }

    fn fields(&self, scope: Scope) -> Vec<(Field, f32)> {
        let f = self.f;
        match scope {
            Scope::Any => vec![
                (f.text, 1.0),
                (f.title, TITLE_BOOST),
                (f.quote, QUOTE_BOOST),
            ],
            Scope::Text => vec![(f.text, 1.0)],
            Scope::Title => vec![(f.title, 1.0)],
            Scope::Quote => vec![(f.quote, 1.0)],
            Scope::Actor => vec![(f.actor_text, 1.0)],
            Scope::Speaker => vec![(f.speaker_text, 1.0)],
        }
    }

    /// `None` when the node has nothing searchable (only punctuation, say).
    fn node(&mut self, node: &Node, positive: bool) -> Result<Option<Box<dyn Query>>> {
        Ok(match node {
            Node::All => Some(all_passages(self.f)),
            Node::Term {
                scope,
                text,
                prefix: false,
            }
            | Node::Phrase { scope, text } => {
                let mut per_field: Vec<(Field, Box<dyn Query>)> = Vec::new();
                for (field, boost) in self.fields(*scope) {
                    let tokens = analyze_at(&mut self.index.tokenizer_for_field(field)?, text);
                    if tokens.is_empty() {
                        continue;
                    }
                    if positive {
                        let terms: Vec<String> = tokens.iter().map(|(_, t)| t.clone()).collect();
                        self.mark(field, *scope, text, terms)?;
                    }
                    per_field.push((field, boosted(words_query(field, &tokens), boost)));
                }
                self.combine(per_field)
            }
            Node::Term {
                scope,
                text,
                prefix: true,
            } => {
                let lower = lower_prefix(text)?;
                if lower.is_empty() {
                    return Ok(Some(all_passages(self.f)));
                }
                let mut per_field: Vec<(Field, Box<dyn Query>)> = Vec::new();
                for (field, boost) in self.fields(*scope) {
                    let stems = self.prefix_stems(field, &lower)?;
                    if positive {
                        let m = Matcher::Prefix {
                            prefix: lower.clone(),
                            stems: stems.clone(),
                        };
                        let f = self.f;
                        if field == f.text || field == f.actor_text || field == f.speaker_text {
                            self.matchers.push(m);
                        } else if field == f.title {
                            self.title_matchers.push(m);
                        } else if field == f.quote {
                            self.quote_matchers.push(m);
                        }
                    }
                    let q = PrefixQuery::new(field, &lower, &stems);
                    per_field.push((field, boosted(Box::new(q), boost)));
                }
                self.combine(per_field)
            }
            Node::And(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut has_positive = false;
                for item in items {
                    if let Node::Not(inner) = item {
                        if let Some(q) = self.node(inner, !positive)? {
                            clauses.push((Occur::MustNot, q));
                        }
                    } else if let Some(q) = self.node(item, positive)? {
                        clauses.push((Occur::Must, q));
                        has_positive = true;
                    }
                }
                if clauses.is_empty() {
                    None
                } else {
                    if !has_positive {
                        clauses.push((Occur::Must, all_passages(self.f)));
                    }
                    Some(Box::new(BooleanQuery::new(clauses)))
                }
            }
            Node::Or(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Some(q) = self.node(item, positive)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                one_of(clauses)
            }
            Node::Not(inner) => self.node(inner, !positive)?.map(|q| -> Box<dyn Query> {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, all_passages(self.f)),
                    (Occur::MustNot, q),
                ]))
            }),
        })
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn one_of(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}
