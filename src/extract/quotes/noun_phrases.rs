//! The noun phrase that speaks: the subject before a cue verb, the subject of a clause, the
//! phrase after an inverted cue ("said Smith").
//!
//! In: tokens and the position of the cue. Out: the [`Speaker`] named by that phrase, or none.

use super::attribution::AttributionContext;
use super::lexicon::{
    AUXILIARIES, DETERMINERS, FRONTING, NOUN_PHRASE_STOPS, PRONOUNS, ROLE_HEADS, TIME_WORDS,
};
use super::speakers::{possessive_role, Speaker};
use super::tokens::{is_party_tag, Token, TokenKind};
use super::words::{
    is_capitalized, is_lower_verbish, is_ly_adverb, is_past_verb, is_present_verb, is_title,
    lowercase, opener, trim_noun_phrase_start, word_in,
};

impl<'a> AttributionContext<'a> {
    /// The noun phrase right before the cue at `k`.
    pub(super) fn subject_before(&mut self, tokens: &[Token], k: usize) -> Option<Speaker> {
        let text = self.text;
        let mut end = k;
        while end > 0
            && (word_in(text, &tokens[end - 1], AUXILIARIES)
                || is_ly_adverb(text, &tokens[end - 1]))
        {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // "... and joked", "... but said": the subject of the clause.
        if word_in(text, &tokens[end - 1], &["and", "but"]) {
            let clause = &tokens[..end - 1];
            // Fronted phrases the subject search cannot pass ("Last week, nearly six years
            // in, Mr. Hagel addressed troops and said"): the clause after the last comma.
            return self.sentence_subject(clause).or_else(|| {
                let c = clause.iter().rposition(|t| t.kind == TokenKind::Comma)?;
                self.sentence_subject(&clause[c + 1..])
            });
        }
        // "the Human Rights Campaign, which tweeted": the phrase the relative clause follows.
        if end >= 3
            && word_in(text, &tokens[end - 1], &["who", "which"])
            && tokens[end - 2].kind == TokenKind::Comma
            && tokens[end - 3].kind == TokenKind::Word
        {
            return self.subject_before(tokens, end - 2);
        }
        if tokens[end - 1].kind == TokenKind::Comma {
            // Comma-separated chunks before the verb, nearest first: "Smith, 45, a spokesman
            // for the group, said"; "officials, including Smith, said".
            let mut fallback: Option<(usize, usize)> = None;
            let mut ce = end - 1;
            for _ in 0..4 {
                let mut cs = ce;
                while cs > 0 && matches!(tokens[cs - 1].kind, TokenKind::Word | TokenKind::Paren) {
                    cs -= 1;
                }
                let s1 = trim_noun_phrase_start(text, tokens, cs, ce);
                let chunk = &tokens[s1..ce];
                let skip = chunk.is_empty()
                    || chunk.iter().all(|t| {
                        t.kind != TokenKind::Word
                            || is_party_tag(&text[t.start..t.end])
                            || text[t.start..t.end].chars().all(|c| c.is_numeric())
                    })
                    || word_in(text, &chunk[0], &["who", "which", "whose", "whom", "where"])
                    || (!is_capitalized(text, &chunk[0])
                        && lowercase(text, &chunk[0]).ends_with("ing"))
                    || (chunk.len() == 1
                        && !is_capitalized(text, &chunk[0])
                        && !word_in(text, &chunk[0], PRONOUNS));
                if !skip {
                    let descr = word_in(text, &chunk[0], &["a", "an", "the"])
                        && !chunk
                            .iter()
                            .skip(1)
                            .any(|t| is_capitalized(text, t) && !is_title(text, t));
                    // "Acme's chief executive": a role, the name may come before it.
                    let w0 = &text[chunk[0].start..chunk[0].end];
                    let role = chunk.len() >= 2
                        && (w0.ends_with("'s") || w0.ends_with("\u{2019}s"))
                        && !is_capitalized(text, &chunk[chunk.len() - 1])
                        || possessive_role(text, chunk).is_some();
                    let descr = descr || role;
                    if descr || !self.looks_like_noun_phrase(chunk) || chunk.len() > 8 {
                        if fallback.is_none()
                            && chunk.len() <= 8
                            && self.looks_like_noun_phrase(chunk)
                        {
                            fallback = Some((s1, ce));
                        }
                    } else {
                        return self.name_noun_phrase(chunk);
                    }
                }
                if cs == 0 || tokens[cs - 1].kind != TokenKind::Comma {
                    break;
                }
                ce = cs - 1;
            }
            return fallback.and_then(|(a, b)| self.name_noun_phrase(&tokens[a..b]));
        }
        let mut st = end;
        let mut seen_cap = false;
        while st > 0 && end - st < 8 {
            let t = &tokens[st - 1];
            if t.kind == TokenKind::Paren {
                st -= 1;
                continue;
            }
            if t.kind != TokenKind::Word {
                break;
            }
            if is_capitalized(text, t) {
                if seen_cap || !word_in(text, t, NOUN_PHRASE_STOPS) {
                    seen_cap = true;
                    st -= 1;
                    continue;
                }
                break;
            }
            if seen_cap {
                if word_in(text, t, &["of", "in", "for", "at"])
                    && st >= 2
                    && is_capitalized(text, &tokens[st - 2])
                {
                    st -= 1;
                    continue;
                }
                if word_in(text, t, &["the", "a", "an"]) {
                    st -= 1;
                }
                break;
            }
            if word_in(text, t, NOUN_PHRASE_STOPS) || is_lower_verbish(text, t) {
                break;
            }
            st -= 1;
        }
        while st < end && tokens[st].kind == TokenKind::Paren {
            st += 1;
        }
        if st >= end {
            return None;
        }
        let st = trim_noun_phrase_start(text, tokens, st, end);
        if st < end && self.looks_like_noun_phrase(&tokens[st..end]) {
            return self.name_noun_phrase(&tokens[st..end]);
        }
        None
    }

    /// The first noun phrase of a clause (for participle cues: "Smith told the paper, saying").
    pub(super) fn sentence_subject(&mut self, tokens: &[Token]) -> Option<Speaker> {
        let text = self.text;
        let mut i = 0;
        // A fronted prepositional phrase or sentence adverb ("Throughout the hearing, Smith
        // ...", "Additionally, the agency ..."): the subject follows its comma, else none.
        while let Some(prep) = tokens.get(i).and_then(|_| opener(text, tokens, i)) {
            match tokens[i..].iter().position(|t| t.kind == TokenKind::Comma) {
                Some(c) if c <= 30 => i += c + 1,
                _ if prep => return None,
                _ => i += 1,
            }
        }
        // Skip a fronted phrase ending in a comma ("As the crowd cheered, Smith ...").
        while tokens.get(i).is_some_and(|t| {
            word_in(text, t, FRONTING)
                || (t.kind == TokenKind::Word && lowercase(text, t).ends_with("ing"))
        }) {
            match tokens[i..].iter().position(|t| t.kind == TokenKind::Comma) {
                Some(c) if c <= 25 => i += c + 1,
                _ => {
                    // "From the report:": the phrase after the preposition.
                    i += 1;
                    break;
                }
            }
        }
        if let Some(c) = tokens[i..].iter().position(|t| t.kind == TokenKind::Comma) {
            let chunk = &tokens[i..i + c];
            let numeric = |t: &Token| text[t.start..t.end].bytes().all(|b| b.is_ascii_digit());
            if c <= 5
                && chunk
                    .iter()
                    .any(|t| word_in(text, t, TIME_WORDS) || numeric(t))
            {
                i += c + 1;
            }
        }
        let st = i;
        let mut seen_cap = false;
        while i < tokens.len() && tokens[i].kind == TokenKind::Word && i - st < 8 {
            let t = &tokens[i];
            if is_capitalized(text, t) {
                // "The report": a capitalized determiner does not start a name.
                seen_cap = seen_cap || !word_in(text, t, DETERMINERS);
            } else if i > st
                && (is_past_verb(text, t) || is_present_verb(text, t))
                && !word_in(text, &tokens[i - 1], DETERMINERS)
            {
                // "The report highlighted ...": the verb ends the subject.
                break;
            } else if seen_cap && is_title(text, t) && {
                // "White House press secretary Jo Reyes": titles between an organization and
                // the name it employs belong to the phrase.
                let mut j = i;
                while j < tokens.len() && j - i < 4 && is_title(text, &tokens[j]) {
                    j += 1;
                }
                j < tokens.len() && is_capitalized(text, &tokens[j])
            } {
                // Keep going: the name follows.
            } else if seen_cap
                || is_lower_verbish(text, t)
                || word_in(text, t, NOUN_PHRASE_STOPS)
                || is_ly_adverb(text, t)
            {
                break;
            }
            i += 1;
            if word_in(text, t, PRONOUNS) {
                break;
            }
        }
        // A phrase cut before its head ("An October report", "that all states") names nobody.
        let cut_short = i > st
            && i < tokens.len()
            && tokens[i].kind == TokenKind::Word
            && !is_capitalized(text, &tokens[i])
            && !word_in(text, &tokens[i], &["of"])
            && (word_in(text, &tokens[i - 1], TIME_WORDS)
                || word_in(
                    text,
                    &tokens[i - 1],
                    &["any", "all", "that", "these", "those"],
                ));
        if i > st && !cut_short && self.looks_like_noun_phrase(&tokens[st..i]) {
            return self.name_noun_phrase(&tokens[st..i]);
        }
        None
    }

    /// The noun phrase right after a cue (`said Smith`, `according to the report`).
    pub(super) fn noun_phrase_after(&mut self, tokens: &[Token], i: usize) -> Option<Speaker> {
        let text = self.text;
        let mut e = i;
        while e < tokens.len() && e - i < 8 {
            let t = &tokens[e];
            if t.kind != TokenKind::Word {
                break;
            }
            if e > i && word_in(text, t, NOUN_PHRASE_STOPS) && lowercase(text, t) != "of" {
                break;
            }
            if e == i && word_in(text, t, NOUN_PHRASE_STOPS) {
                return None;
            }
            e += 1;
        }
        // "of" must not dangle at the end.
        while e > i && word_in(text, &tokens[e - 1], &["of", "the", "a"]) {
            e -= 1;
        }
        if e == i || !self.looks_like_noun_phrase(&tokens[i..e]) {
            return None;
        }
        // "said Mr Lane's spokesman, Jo Reyes": the name in apposition speaks.
        if is_role_phrase(text, &tokens[i..e]) {
            if let Some((a, b)) = apposed_name(text, tokens, e) {
                return self.name_noun_phrase(&tokens[a..b]);
            }
        }
        self.name_noun_phrase(&tokens[i..e])
    }

    /// Whether the words look like a noun phrase that can speak.
    pub(super) fn looks_like_noun_phrase(&self, tokens: &[Token]) -> bool {
        let text = self.text;
        let Some(f) = tokens.first() else {
            return false;
        };
        if f.kind != TokenKind::Word {
            return false;
        }
        if tokens
            .iter()
            .any(|t| t.kind == TokenKind::Word && is_lower_verbish(text, t))
            && !is_capitalized(text, f)
        {
            return false;
        }
        if is_capitalized(text, f) || word_in(text, f, DETERMINERS) || word_in(text, f, PRONOUNS) {
            return true;
        }
        if tokens.len() <= 10 && tokens.iter().any(|t| is_capitalized(text, t)) {
            return true;
        }
        // Bare plural or noun: "officials", "sources close to the campaign".
        let w = lowercase(text, f);
        tokens.len() <= 4 && w.len() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '-')
    }
}

/// The name set off by commas after a role (", Jo Reyes," in "Mr Lane's spokesman, Jo Reyes,
/// said"): when `tokens[at]` is a comma followed by a short capitalized run that ends at a comma,
/// a stop, a word that is not capitalized or the end, the token range of that run.
pub(super) fn apposed_name(text: &str, tokens: &[Token], at: usize) -> Option<(usize, usize)> {
    if tokens.get(at)?.kind != TokenKind::Comma {
        return None;
    }
    let a = at + 1;
    let mut b = a;
    while b < tokens.len() && b - a < 6 && is_capitalized(text, &tokens[b]) {
        b += 1;
    }
    let ends = b == tokens.len() || tokens[b].kind != TokenKind::Word;
    let first_ok = b > a
        && !word_in(text, &tokens[a], PRONOUNS)
        && !word_in(text, &tokens[a], DETERMINERS)
        && possessive_role(text, &tokens[a..b]).is_none();
    (ends && first_ok && (b - a >= 2 || is_capitalized(text, &tokens[a]))).then_some((a, b))
}

/// A role that a name in apposition may fill: held for a possessor ("Mr Lane's spokesman") or
/// introduced by an article ("the attorney", "a spokeswoman for the firm" is not: its head is
/// the last word).
pub(super) fn is_role_phrase(text: &str, tokens: &[Token]) -> bool {
    possessive_role(text, tokens).is_some()
        || (tokens.len() >= 2
            && word_in(text, &tokens[0], &["the", "a", "an"])
            && tokens[1..].iter().all(|t| {
                t.kind == TokenKind::Word && (!is_capitalized(text, t) || is_title(text, t))
            })
            && tokens.last().is_some_and(|t| word_in(text, t, ROLE_HEADS)))
}
