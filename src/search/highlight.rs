//! Passage highlights: re-tokenize the passage with the `text` field's analyzer and mark the
//! tokens a query matched: single terms, prefixes, and for phrases only runs of consecutive
//! positions (not every lone occurrence of a phrase's words).

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

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

/// Byte ranges of `text` to highlight, sorted and merged.
pub fn spans(analyzer: &mut TextAnalyzer, text: &str, matchers: &[Matcher]) -> Vec<Range<usize>> {
    if matchers.is_empty() {
        return Vec::new();
    }
    let mut toks: Vec<(usize, usize, usize, String)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        toks.push((t.offset_from, t.offset_to, t.position, t.text.clone()));
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in matchers {
        match m {
            Matcher::Term(term) => {
                out.extend(toks.iter().filter(|t| &t.3 == term).map(|t| t.0..t.1));
            }
            Matcher::Prefix { prefix, stems } => out.extend(
                toks.iter()
                    .filter(|t| {
                        t.3.starts_with(prefix.as_str())
                            || stems.contains(&t.3)
                            || text[t.0..t.1].to_lowercase().starts_with(prefix.as_str())
                    })
                    .map(|t| t.0..t.1),
            ),
            Matcher::Phrase(terms) => {
                for i in 0..toks.len() {
                    let run = &toks[i..];
                    if run.len() >= terms.len()
                        && terms
                            .iter()
                            .zip(run)
                            .enumerate()
                            .all(|(k, (term, t))| &t.3 == term && t.2 == run[0].2 + k)
                    {
                        out.push(run[0].0..run[terms.len() - 1].1);
                    }
                }
            }
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
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
    use tantivy::tokenizer::TokenizerManager;

    fn stem() -> TextAnalyzer {
        TokenizerManager::default().get("en_stem").unwrap()
    }

    fn marked<'a>(text: &'a str, m: &[Matcher]) -> Vec<&'a str> {
        spans(&mut stem(), text, m)
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
}
