//! The noun phrase that speaks: the subject before a cue verb, the subject of a clause, the
//! phrase after an inverted cue ("said Smith").
//!
//! In: tokens and the position of the cue. Out: the [`Speaker`] named by that phrase, or none.

use super::attribution::Ctx;
use super::lexicon::{AUX, DETERMINERS, FRONTING, NP_STOP, PRONOUNS, TIME_WORDS};
use super::speakers::Speaker;
use super::tokens::{is_party_tag, Tok, K};
use super::words::{
    is_cap, is_lower_verbish, is_ly_adverb, is_past_verb, is_present_verb, is_title, lower, opener,
    trim_np_start, word_in,
};

impl<'a> Ctx<'a> {
    /// The noun phrase right before the cue at `k`.
    pub(super) fn subject_before(&mut self, toks: &[Tok], k: usize) -> Option<Speaker> {
        let text = self.text;
        let mut end = k;
        while end > 0 && (word_in(text, &toks[end - 1], AUX) || is_ly_adverb(text, &toks[end - 1]))
        {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // "... and joked", "... but said": the subject of the clause.
        if word_in(text, &toks[end - 1], &["and", "but"]) {
            return self.sentence_subject(&toks[..end - 1]);
        }
        if toks[end - 1].k == K::Comma {
            // Comma-separated chunks before the verb, nearest first: "Smith, 45, a spokesman
            // for the group, said"; "officials, including Smith, said".
            let mut fallback: Option<(usize, usize)> = None;
            let mut ce = end - 1;
            for _ in 0..4 {
                let mut cs = ce;
                while cs > 0 && matches!(toks[cs - 1].k, K::Word | K::Paren) {
                    cs -= 1;
                }
                let s1 = trim_np_start(text, toks, cs, ce);
                let chunk = &toks[s1..ce];
                let skip = chunk.is_empty()
                    || chunk.iter().all(|t| {
                        t.k != K::Word
                            || is_party_tag(&text[t.s..t.e])
                            || text[t.s..t.e].chars().all(|c| c.is_numeric())
                    })
                    || word_in(text, &chunk[0], &["who", "which", "whose", "whom", "where"])
                    || (!is_cap(text, &chunk[0]) && lower(text, &chunk[0]).ends_with("ing"))
                    || (chunk.len() == 1
                        && !is_cap(text, &chunk[0])
                        && !word_in(text, &chunk[0], PRONOUNS));
                if !skip {
                    let descr = word_in(text, &chunk[0], &["a", "an", "the"])
                        && !chunk
                            .iter()
                            .skip(1)
                            .any(|t| is_cap(text, t) && !is_title(text, t));
                    // "Acme's chief executive": a role, the name may come before it.
                    let w0 = &text[chunk[0].s..chunk[0].e];
                    let role = chunk.len() >= 2
                        && (w0.ends_with("'s") || w0.ends_with("\u{2019}s"))
                        && !is_cap(text, &chunk[chunk.len() - 1]);
                    let descr = descr || role;
                    if descr || !self.np_like(chunk) || chunk.len() > 8 {
                        if fallback.is_none() && chunk.len() <= 8 && self.np_like(chunk) {
                            fallback = Some((s1, ce));
                        }
                    } else {
                        return self.name_np(chunk);
                    }
                }
                if cs == 0 || toks[cs - 1].k != K::Comma {
                    break;
                }
                ce = cs - 1;
            }
            return fallback.and_then(|(a, b)| self.name_np(&toks[a..b]));
        }
        let mut st = end;
        let mut seen_cap = false;
        while st > 0 && end - st < 8 {
            let t = &toks[st - 1];
            if t.k == K::Paren {
                st -= 1;
                continue;
            }
            if t.k != K::Word {
                break;
            }
            if is_cap(text, t) {
                if seen_cap || !word_in(text, t, NP_STOP) {
                    seen_cap = true;
                    st -= 1;
                    continue;
                }
                break;
            }
            if seen_cap {
                if word_in(text, t, &["of", "in", "for", "at"])
                    && st >= 2
                    && is_cap(text, &toks[st - 2])
                {
                    st -= 1;
                    continue;
                }
                if word_in(text, t, &["the", "a", "an"]) {
                    st -= 1;
                }
                break;
            }
            if word_in(text, t, NP_STOP) || is_lower_verbish(text, t) {
                break;
            }
            st -= 1;
        }
        while st < end && toks[st].k == K::Paren {
            st += 1;
        }
        if st >= end {
            return None;
        }
        let st = trim_np_start(text, toks, st, end);
        if st < end && self.np_like(&toks[st..end]) {
            return self.name_np(&toks[st..end]);
        }
        None
    }

    /// The first noun phrase of a clause (for participle cues: "Smith told the paper, saying").
    pub(super) fn sentence_subject(&mut self, toks: &[Tok]) -> Option<Speaker> {
        let text = self.text;
        let mut i = 0;
        // A fronted prepositional phrase or sentence adverb ("Throughout the hearing, Smith
        // ...", "Additionally, the agency ..."): the subject follows its comma, else none.
        while let Some(prep) = toks.get(i).and_then(|_| opener(text, toks, i)) {
            match toks[i..].iter().position(|t| t.k == K::Comma) {
                Some(c) if c <= 30 => i += c + 1,
                _ if prep => return None,
                _ => i += 1,
            }
        }
        // Skip a fronted phrase ending in a comma ("As the crowd cheered, Smith ...").
        while toks.get(i).is_some_and(|t| {
            word_in(text, t, FRONTING) || (t.k == K::Word && lower(text, t).ends_with("ing"))
        }) {
            match toks[i..].iter().position(|t| t.k == K::Comma) {
                Some(c) if c <= 25 => i += c + 1,
                _ => {
                    // "From the report:": the phrase after the preposition.
                    i += 1;
                    break;
                }
            }
        }
        if let Some(c) = toks[i..].iter().position(|t| t.k == K::Comma) {
            let chunk = &toks[i..i + c];
            let numeric = |t: &Tok| text[t.s..t.e].bytes().all(|b| b.is_ascii_digit());
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
        while i < toks.len() && toks[i].k == K::Word && i - st < 8 {
            let t = &toks[i];
            if is_cap(text, t) {
                // "The report": a capitalized determiner does not start a name.
                seen_cap = seen_cap || !word_in(text, t, DETERMINERS);
            } else if i > st
                && (is_past_verb(text, t) || is_present_verb(text, t))
                && !word_in(text, &toks[i - 1], DETERMINERS)
            {
                // "The report highlighted ...": the verb ends the subject.
                break;
            } else if seen_cap
                || is_lower_verbish(text, t)
                || word_in(text, t, NP_STOP)
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
            && i < toks.len()
            && toks[i].k == K::Word
            && !is_cap(text, &toks[i])
            && !word_in(text, &toks[i], &["of"])
            && (word_in(text, &toks[i - 1], TIME_WORDS)
                || word_in(
                    text,
                    &toks[i - 1],
                    &["any", "all", "that", "these", "those"],
                ));
        if i > st && !cut_short && self.np_like(&toks[st..i]) {
            return self.name_np(&toks[st..i]);
        }
        None
    }

    /// The noun phrase right after a cue (`said Smith`, `according to the report`).
    pub(super) fn np_after(&mut self, toks: &[Tok], i: usize) -> Option<Speaker> {
        let text = self.text;
        let mut e = i;
        while e < toks.len() && e - i < 8 {
            let t = &toks[e];
            if t.k != K::Word {
                break;
            }
            if e > i && word_in(text, t, NP_STOP) && lower(text, t) != "of" {
                break;
            }
            if e == i && word_in(text, t, NP_STOP) {
                return None;
            }
            e += 1;
        }
        // "of" must not dangle at the end.
        while e > i && word_in(text, &toks[e - 1], &["of", "the", "a"]) {
            e -= 1;
        }
        if e == i || !self.np_like(&toks[i..e]) {
            return None;
        }
        self.name_np(&toks[i..e])
    }

    /// Whether the words look like a noun phrase that can speak.
    pub(super) fn np_like(&self, toks: &[Tok]) -> bool {
        let text = self.text;
        let Some(f) = toks.first() else { return false };
        if f.k != K::Word {
            return false;
        }
        if toks
            .iter()
            .any(|t| t.k == K::Word && is_lower_verbish(text, t))
            && !is_cap(text, f)
        {
            return false;
        }
        if is_cap(text, f) || word_in(text, f, DETERMINERS) || word_in(text, f, PRONOUNS) {
            return true;
        }
        if toks.len() <= 10 && toks.iter().any(|t| is_cap(text, t)) {
            return true;
        }
        // Bare plural or noun: "officials", "sources close to the campaign".
        let w = lower(text, f);
        toks.len() <= 4 && w.len() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '-')
    }
}
