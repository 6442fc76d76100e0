//! Clause limits for the tense search: sentence boundaries, quotation marks, commas opening a
//! new clause, subject pronouns, and runs of particles that leave an expression fronted.
//!
//! In: a token index. Out: whether the clause (as far as the tense goes) ends there.

use super::keywords::ABBREVIATIONS;
use super::scanner::Tagger;
use super::tokens::{Lower, TokenKind};

impl<'a> Tagger<'a> {
    /// A closing quotation mark: the quoted speech ends there (its reporting verb follows);
    /// or an opening one after "said:" or a comma, where a new utterance starts. A straight
    /// quote closes when no space precedes it.
    pub(super) fn is_quote(&self, k: usize) -> bool {
        let t = self.tokens[k];
        let opens_speech = k > 0 && (self.is_punct(k - 1, b':') || self.is_punct(k - 1, b','));
        match t.kind {
            TokenKind::Punctuation if t.space => {
                opens_speech && matches!(self.byte(k), b'"' | b'`' | b'\'')
            }
            TokenKind::Punctuation => {
                self.byte(k) == b'"'
                    || self.is_punct(k, b'\'') && {
                        // "''" closing a quote (not the apostrophe of "'s").
                        self.is_punct(k + 1, b'\'')
                    }
            }
            TokenKind::Other => {
                let w = &self.text[t.start as usize..t.end as usize];
                w.starts_with('\u{201d}') || (opens_speech && w.starts_with('\u{201c}'))
            }
            _ => false,
        }
    }

    /// Tokens `a..b` are only prepositions, conjunctions and date modifiers ("But late on").
    pub(super) fn only_particles(&self, a: usize, b: usize) -> bool {
        b - a <= 3
            && (a..b).all(|k| {
                self.tokens[k].kind == TokenKind::Word
                    && matches!(
                        Lower::new(self.word(k)).as_str(),
                        "in" | "on"
                            | "at"
                            | "by"
                            | "but"
                            | "and"
                            | "late"
                            | "early"
                            | "since"
                            | "until"
                            | "from"
                            | "during"
                            | "after"
                            | "before"
                            | "then"
                            | "so"
                            | "also"
                            | "later"
                            | "earlier"
                            | "last"
                            | "this"
                            | "next"
                            | "as"
                            | "of"
                    )
            })
    }

    /// "said on Monday (that) it would ...": the verb after a subject pronoun or "that"
    /// belongs to the reported clause, not to the date.
    pub(super) fn pronoun_break(&self, k: usize) -> bool {
        self.tokens[k].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(k)).as_str(),
                "it" | "he" | "she" | "they" | "we" | "i" | "that"
            )
    }

    /// A comma opening a new clause: ", but ...", ", which ...". The verb after it belongs
    /// to another clause and says nothing about a date before it.
    pub(super) fn conj_break(&self, k: usize) -> bool {
        self.is_punct(k, b',')
            && self
                .tokens
                .get(k + 1)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && matches!(
                Lower::new(self.word(k + 1)).as_str(),
                "but"
                    | "and"
                    | "while"
                    | "although"
                    | "though"
                    | "because"
                    | "which"
                    | "who"
                    | "whereas"
                    | "when"
            )
    }

    pub(super) fn is_boundary(&self, k: usize) -> bool {
        let t = self.tokens[k];
        if t.newline && k > 0 {
            let prev_nl = self.text.as_bytes()[self.tokens[k - 1].end as usize..t.start as usize]
                .iter()
                .filter(|&&c| c == b'\n')
                .count();
            if prev_nl >= 2 {
                return true;
            }
        }
        if t.kind != TokenKind::Punctuation {
            return false;
        }
        match self.byte(k) {
            b';' | b'!' | b'?' => true,
            b'.' if !t.space
                && k > 0
                && self.tokens[k - 1].kind == TokenKind::Number
                && self
                    .tokens
                    .get(k + 1)
                    .is_some_and(|n| n.kind == TokenKind::Number && !n.space) =>
            {
                // Decimal point.
                false
            }
            b'.' => {
                // End of sentence unless after an abbreviation-like short word.
                if k > 0 && self.tokens[k - 1].kind == TokenKind::Word && !t.space {
                    let w = self.word(k - 1);
                    // Initials and known abbreviations ("Mr.", "Sept.", "Calif.") do not end a
                    // sentence; other short capitalized words ("Act.", "Iraq.") do.
                    !(w.len() == 1
                        || self.tokens[k - 1].capitalized
                            && w.len() <= 5
                            && ABBREVIATIONS.contains(&Lower::new(w).as_str()))
                } else {
                    true
                }
            }
            _ => false,
        }
    }
}
