//! Passage highlights: re-tokenize the passage with the `text` field's analyzer and mark the
//! tokens a query matched: single terms, prefixes, and for phrases only runs of consecutive
//! positions (not every lone occurrence of a phrase's words).

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use crate::index::{self, StemMemo};

/// Something the query looks for in passage text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// An analyzed (stemmed, lowercased) term.
    Term(String),
    /// Analyzed terms at consecutive positions.
    Phrase(Vec<String>),
    /// A lowercase prefix of a word (tested on the word as written and on its term), and the
    /// stemmed terms the prefix also stands for.
    Prefix {
        /// The prefix as typed, lowercased.
        prefix: String,
        /// Exact terms that also match.
        stems: Vec<String>,
    },
}

/// One word of a passage, as the highlighter sees it.
struct Word {
    /// Where it is in the passage.
    bytes: Range<usize>,
    position: usize,
    /// Lower-cased, when a prefix matcher needs it ("" otherwise).
    lower: String,
    /// Its stem, or "" when no matcher can match it.
    stem: String,
}

/// Marks what a query's matchers find in passage texts.
pub struct Highlighter {
    matchers: Vec<Matcher>,
    /// First characters of every term and prefix the matchers look for: only words starting
    /// with one of them are stemmed (a stem starts with its word's first character).
    initials: Vec<char>,
    words: TextAnalyzer,
    stems: StemMemo,
    /// Whether any matcher is a prefix.
    prefixes: bool,
}

impl Highlighter {
    /// A highlighter for `matchers`.
    pub fn new(matchers: Vec<Matcher>) -> Highlighter {
        let mut initials: Vec<char> = Vec::new();
        for m in &matchers {
            let wanted: Vec<&String> = match m {
                Matcher::Term(t) => vec![t],
                Matcher::Phrase(ts) => ts.iter().collect(),
                Matcher::Prefix { prefix, stems } => std::iter::once(prefix).chain(stems).collect(),
            };
            initials.extend(wanted.iter().filter_map(|w| w.chars().next()));
        }
        initials.sort_unstable();
        initials.dedup();
        Highlighter {
            prefixes: matchers.iter().any(|m| matches!(m, Matcher::Prefix { .. })),
            matchers,
            initials,
            words: index::words(),
            stems: StemMemo::default(),
        }
    }

    /// Byte ranges of `text` to highlight, sorted and merged.
    pub fn spans(&mut self, text: &str) -> Vec<Range<usize>> {
        if self.matchers.is_empty() {
            return Vec::new();
        }
        let mut toks: Vec<Word> = Vec::new();
        let mut stream = self.words.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let candidate = t
                .text
                .chars()
                .next()
                .is_some_and(|c| self.initials.binary_search(&c).is_ok());
            let stem = if candidate {
                self.stems.stem(&t.text)
            } else {
                String::new()
            };
            // Only prefixes look at the lower-cased word itself.
            let lower = if self.prefixes {
                t.text.clone()
            } else {
                String::new()
            };
            toks.push(Word {
                bytes: t.offset_from..t.offset_to,
                position: t.position,
                lower,
                stem,
            });
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for m in &self.matchers {
            match m {
                Matcher::Term(term) => {
                    out.extend(
                        toks.iter()
                            .filter(|t| &t.stem == term)
                            .map(|t| t.bytes.clone()),
                    );
                }
                Matcher::Prefix { prefix, stems } => out.extend(
                    toks.iter()
                        .filter(|t| {
                            t.stem.starts_with(prefix.as_str())
                                || stems.contains(&t.stem)
                                || t.lower.starts_with(prefix.as_str())
                        })
                        .map(|t| t.bytes.clone()),
                ),
                Matcher::Phrase(terms) => {
                    for i in 0..toks.len() {
                        let run = &toks[i..];
                        if run.len() >= terms.len()
                            && terms.iter().zip(run).enumerate().all(|(k, (term, t))| {
                                &t.stem == term && t.position == run[0].position + k
                            })
                        {
                            out.push(run[0].bytes.start..run[terms.len() - 1].bytes.end);
                        }
                    }
                }
            }
        }
        merge(out)
    }
}

/// Sorts ranges and merges those that overlap or touch.
pub fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, m: &[Matcher]) -> Vec<&'a str> {
        Highlighter::new(m.to_vec())
            .spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn phrase_marks_only_adjacent_words() {
        let t = "Voting is hard. The voting systems held; systems of voting vary.";
        assert_eq!(
            marked(t, &[Matcher::Phrase(vec!["vote".into(), "system".into()])]),
            ["voting systems"]
        );
    }

    #[test]
    fn terms_are_stemmed_and_prefixes_match_words() {
        let t = "Interference and interfering; elections, elected.";
        assert_eq!(
            marked(t, &[Matcher::Term("elect".into())]),
            ["elections", "elected"]
        );
        assert_eq!(
            marked(
                t,
                &[Matcher::Prefix {
                    prefix: "interfer".into(),
                    stems: vec![]
                }]
            ),
            ["Interference", "interfering"]
        );
    }

    /// Stemming only the words that can match marks exactly what stemming every word marks.
    #[test]
    fn terms_mark_what_the_index_analyzer_would() {
        let text = "Dying skies: the lying elections elected early; Electing only ugly, \
                    yearly Yields of news. Müller's énergies grew gently in 2020.";
        let mut analyzer = crate::index::en_stem();
        let mut stream = analyzer.token_stream(text);
        let mut all: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        while stream.advance() {
            let t = stream.token();
            all.push((t.text.clone(), t.offset_from..t.offset_to));
        }
        for (term, _) in &all {
            let expected: Vec<&str> = all
                .iter()
                .filter(|(t, _)| t == term)
                .map(|(_, r)| &text[r.clone()])
                .collect();
            assert_eq!(
                marked(text, &[Matcher::Term(term.clone())]),
                expected,
                "{term}"
            );
        }
    }
}
