//! Capitalized word runs: the extractor's own scan for names, used when the actor mentions do not
//! settle a pronoun, description or surname.
//!
//! In: the text. Out: byte ranges of runs of capitalized words (built once per article), and
//! [`trim_run`], which drops leading titles and function words from one run.

use super::attribution::AttributionContext;
use super::lexicon::{DETERMINERS, NOUN_PHRASE_STOPS, PRONOUNS};
use super::tokens::{tokenize, TokenKind};
use super::words::{is_title, word_in};

/// A raw capitalized run without leading function words and titles; `None` when nothing is left
/// or it holds punctuation.
pub(super) fn trim_run(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let tokens = tokenize(text, s, e);
    let mut k = 0;
    while k < tokens.len()
        && (word_in(text, &tokens[k], DETERMINERS)
            || word_in(text, &tokens[k], NOUN_PHRASE_STOPS)
            || is_title(text, &tokens[k])
            || word_in(text, &tokens[k], PRONOUNS))
    {
        k += 1;
    }
    (k < tokens.len() && tokens[k..].iter().all(|t| t.kind == TokenKind::Word))
        .then(|| (tokens[k].start, tokens[tokens.len() - 1].end))
}

impl<'a> AttributionContext<'a> {
    /// Capitalized word runs (names) by our own scan, without leading titles and
    /// sentence-initial function words.
    pub(super) fn ensure_runs(&mut self) {
        if self.runs.is_some() {
            return;
        }
        let text = self.text;
        let b = text.as_bytes();
        let mut runs = Vec::new();
        // Words are split at ASCII whitespace; a run is a sequence of capitalized words with
        // nothing but a space between them (punctuation after a word ends the run).
        let mut i = 0;
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, runs: &mut Vec<(usize, usize)>| {
            if let Some(r) = run.take() {
                runs.push(r);
            }
        };
        while i < b.len() {
            if b[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let ws = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            let we = i;
            let first = b[ws];
            let cap = first.is_ascii_uppercase()
                || (first >= 0xC0 && text[ws..we].chars().next().is_some_and(char::is_uppercase));
            if !cap {
                flush(&mut run, &mut runs);
                continue;
            }
            // Trailing punctuation ends the run after this word.
            let mut core_end = we;
            while core_end > ws
                && !b[core_end - 1].is_ascii_alphanumeric()
                && b[core_end - 1] < 0x80
            {
                core_end -= 1;
            }
            let single_space =
                ws > 0 && b[ws - 1] == b' ' && (ws < 2 || !b[ws - 2].is_ascii_whitespace());
            match run {
                Some((s, e)) if e == ws - 1 && single_space => run = Some((s, core_end)),
                _ => {
                    flush(&mut run, &mut runs);
                    run = Some((ws, core_end));
                }
            }
            if core_end < we {
                flush(&mut run, &mut runs);
            }
        }
        flush(&mut run, &mut runs);
        self.runs = Some(runs);
    }
}
