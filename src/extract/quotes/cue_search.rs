//! Cue search: the attribution written next to a quotation.
//!
//! In: a byte range after or before a quotation. Out: the [`Speaker`] of the cue found there
//! (`, he said`, `said Smith, a spokesman`, `Smith told reporters:`, `according to the report`),
//! or none.

use super::attribution::AttributionContext;
use super::cues::cue_at;
use super::lexicon::{AUXILIARIES, FRONTING, PRONOUNS};
use super::noun_phrases::{apposed_name, is_role_phrase};
use super::speakers::Speaker;
use super::tokens::{tokenize, TokenKind};
use super::words::{
    is_capitalized, is_ly_adverb, is_past_verb, is_present_verb, lowercase, word_in,
};

impl<'a> AttributionContext<'a> {
    /// The subject of the first cue verb in `a..b` that has one.
    pub(super) fn first_cue_subject(&mut self, a: usize, b: usize) -> Option<Speaker> {
        let tokens = tokenize(self.text, a, b);
        for k in 0..tokens.len().min(20) {
            if tokens[k].kind == TokenKind::Quote {
                return None;
            }
            if cue_at(self.text, &tokens, k).is_some()
                && !lowercase(self.text, &tokens[k]).ends_with("ing")
            {
                return self.subject_before(&tokens, k);
            }
        }
        None
    }

    /// Attribution in the words after a quotation: `, he said`, `said Smith, a spokesman`,
    /// `the report read`, `according to the report`.
    pub(super) fn after(
        &mut self,
        a: usize,
        b: usize,
        strict: bool,
        slot: bool,
    ) -> Option<Speaker> {
        let tokens = tokenize(self.text, a, b);
        // A source in brackets right after the quotation: "..." (Jane Doe, a lawyer).
        if tokens
            .first()
            .is_some_and(|t| self.text[t.start..t.end] == *"(")
        {
            let mut e = 1;
            while e < tokens.len()
                && e <= 5
                && tokens[e].kind == TokenKind::Word
                && is_capitalized(self.text, &tokens[e])
            {
                e += 1;
            }
            let closes = tokens
                .get(e)
                .is_some_and(|t| t.kind == TokenKind::Comma || self.text[t.start..t.end] == *")");
            if e >= 3 && closes {
                return self.name_noun_phrase(&tokens[1..e]);
            }
        }
        if strict && tokens.iter().filter(|t| t.kind == TokenKind::Word).count() > 12 {
            return None;
        }
        // A byline: "..." -- Jane Doe; "Title of a piece," by Jane Doe.
        let byline = tokens.first().is_some_and(|t| {
            t.kind == TokenKind::Dash
                || (word_in(self.text, t, &["by"])
                    && tokens.get(2).is_some_and(|n| is_capitalized(self.text, n)))
        });
        if byline {
            let mut e = 1;
            while e < tokens.len() && tokens[e].kind == TokenKind::Word && e <= 6 {
                e += 1;
            }
            let rest_ok = e == tokens.len()
                || matches!(
                    tokens[e].kind,
                    TokenKind::Stop | TokenKind::Comma | TokenKind::Paren
                );
            if e > 1 && rest_ok && is_capitalized(self.text, &tokens[1]) {
                return self.name_noun_phrase(&tokens[1..e]);
            }
        }
        let mut first = 0;
        while first < tokens.len()
            && matches!(
                tokens[first].kind,
                TokenKind::Comma | TokenKind::Dash | TokenKind::Quote | TokenKind::Stop
            )
        {
            first += 1;
        }
        if first >= tokens.len() || tokens[first].kind != TokenKind::Word {
            return None;
        }
        // The cue must come early: within the subject's reach.
        if word_in(self.text, &tokens[first], FRONTING)
            && !word_in(self.text, &tokens[first], &["then", "later"])
            && cue_at(self.text, &tokens, first).is_none()
        {
            return None;
        }
        let mut k = first;
        let mut commas = 0;
        let (max_commas, reach) = if slot { (5, 40) } else { (2, 24) };
        let limit = (first + reach).min(tokens.len());
        let mut found = None;
        while k < limit {
            let t = tokens[k];
            if t.kind == TokenKind::Stop || t.kind == TokenKind::Colon || t.kind == TokenKind::Quote
            {
                break;
            }
            if t.kind == TokenKind::Comma {
                commas += 1;
                if commas > max_commas {
                    break;
                }
            }
            if let Some(next) = cue_at(self.text, &tokens, k) {
                found = Some((k, next));
                break;
            }
            // In the attribution slot, an unlisted past-tense verb right after a short subject
            // ("," Smith quipped.) counts too.
            if slot
                && commas == 0
                && k > first
                && k - first <= 4
                && is_past_verb(self.text, &tokens[k])
            {
                found = Some((k, k + 1));
                break;
            }
            if slot
                && k == first + 1
                && is_present_verb(self.text, &tokens[k])
                && (word_in(self.text, &tokens[first], PRONOUNS)
                    || is_capitalized(self.text, &tokens[first]))
            {
                found = Some((k, k + 1));
                break;
            }
            // Without an appositive the subject is short.
            if commas == 0 && k - first >= 9 {
                break;
            }
            k += 1;
        }
        let (k, next) = found?;
        let according = lowercase(self.text, &tokens[k]) == "according";
        if k == first || according {
            return self.noun_phrase_after(&tokens, next);
        }
        // Subject: from `first` to the verb, cut at the first comma (appositive).
        let mut end = k;
        while end > first
            && (word_in(self.text, &tokens[end - 1], AUXILIARIES)
                || is_ly_adverb(self.text, &tokens[end - 1]))
        {
            end -= 1;
        }
        let mut cut = first;
        while cut < end && tokens[cut].kind != TokenKind::Comma {
            cut += 1;
        }
        let mut st = first;
        while st < cut
            && word_in(
                self.text,
                &tokens[st],
                &["but", "and", "so", "yet", "then", "now"],
            )
        {
            st += 1;
        }
        if st >= cut || cut - st > 10 {
            return None;
        }
        // "Mr Lane's spokesman, Jo Reyes, said": the name in apposition speaks.
        if cut < end && is_role_phrase(self.text, &tokens[st..cut]) {
            if let Some((na, nb)) = apposed_name(self.text, &tokens, cut) {
                return self.name_noun_phrase(&tokens[na..nb]);
            }
        }
        if cut == end || self.looks_like_noun_phrase(&tokens[st..cut]) {
            self.name_noun_phrase(&tokens[st..cut])
        } else {
            None
        }
    }

    /// Attribution in the words before a quotation: `Smith said:`, `he told reporters that`,
    /// `according to the report,`, `As Smith put it,`, `Smith, in a statement:`. Cues are looked
    /// for from `cue_lo`; the subject may be found from `a` (the sentence start).
    pub(super) fn before(&mut self, a: usize, cue_lo: usize, b: usize) -> Option<Speaker> {
        let text = self.text;
        let tokens = tokenize(text, a, b);
        if tokens.is_empty() {
            return None;
        }
        let first_cue_token = tokens
            .iter()
            .position(|t| t.start >= cue_lo)
            .unwrap_or(tokens.len());
        // Last cue in the span.
        let mut found = None;
        for k in (first_cue_token..tokens.len()).rev() {
            if let Some(next) = cue_at(text, &tokens, k) {
                found = Some((k, next));
                break;
            }
        }
        let ends_colon = tokens
            .last()
            .is_some_and(|t| t.kind == TokenKind::Colon && text[t.start..t.end] == *":");
        let statement = tokens.len() >= 2
            && matches!(
                tokens[tokens.len() - 1].kind,
                TokenKind::Comma | TokenKind::Colon
            )
            && word_in(
                text,
                &tokens[tokens.len() - 2],
                &[
                    "statement",
                    "tweet",
                    "post",
                    "email",
                    "letter",
                    "memo",
                    "message",
                ],
            );
        if found.is_none() && statement {
            return self.sentence_subject(&tokens[..tokens.len() - 2]);
        }
        let Some((k, next)) = found else {
            // "Smith: "..."", "the board was clear in its findings: "..."".
            if ends_colon && tokens.len() > first_cue_token + 1 {
                let n = tokens.len() - 1;
                let body = &tokens[first_cue_token..n];
                if body.len() <= 8
                    && body
                        .iter()
                        .all(|t| matches!(t.kind, TokenKind::Word | TokenKind::Paren))
                    && self.looks_like_noun_phrase(body)
                {
                    return self.name_noun_phrase(body);
                }
                // A capitalized name right before the colon ("... - Pew Research:").
                let mut st = n;
                while st > first_cue_token
                    && n - st < 6
                    && (is_capitalized(text, &tokens[st - 1])
                        || (st < n
                            && word_in(text, &tokens[st - 1], &["and", "of"])
                            && st >= 2
                            && is_capitalized(text, &tokens[st - 2])))
                {
                    st -= 1;
                }
                if st < n
                    && is_capitalized(text, &tokens[st])
                    && st > 0
                    && matches!(
                        tokens[st - 1].kind,
                        TokenKind::Dash | TokenKind::Comma | TokenKind::Colon
                    )
                {
                    return self.name_noun_phrase(&tokens[st..n]);
                }
                return self.sentence_subject(&tokens[..n]);
            }
            return None;
        };
        // Too far from the quotation: more than a short clause in between (a partial quote
        // inside the reporter's sentence may sit further from its cue).
        let partial = text[b..]
            .chars()
            .take(4)
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
        if tokens.len() - next > if partial { 40 } else { 14 } {
            return None;
        }
        let w = lowercase(text, &tokens[k]);
        if w == "according" {
            return self.noun_phrase_after(&tokens, next);
        }
        if w.ends_with("ing")
            && k > 0
            && is_capitalized(text, &tokens[k - 1])
            && !word_in(text, &tokens[k - 1], PRONOUNS)
        {
            // "footage of Trump saying"
            if let Some(sp) = self.subject_before(&tokens, k) {
                return Some(sp);
            }
        }
        if w.ends_with("ing") {
            // Participle ("..., saying"): an earlier cue's subject, else the sentence subject.
            for j in (first_cue_token..k).rev() {
                if cue_at(text, &tokens, j).is_some()
                    && !lowercase(text, &tokens[j]).ends_with("ing")
                {
                    if let Some(sp) = self.subject_before(&tokens, j) {
                        return Some(sp);
                    }
                }
            }
            let mut st = 0;
            while st < k && tokens[st].kind != TokenKind::Word {
                st += 1;
            }
            if let Some(sp) = self.sentence_subject(&tokens[st..k]) {
                return Some(sp);
            }
            return self.subject_before(&tokens, k);
        }
        if let Some(sp) = self.subject_before(&tokens, k) {
            return Some(sp);
        }
        // Inverted: "Said Smith, a neighbour, "..."", "But, said Smith, "..."".
        if k == 0
            || matches!(
                tokens[k - 1].kind,
                TokenKind::Comma | TokenKind::Quote | TokenKind::Colon | TokenKind::Dash
            )
        {
            return self.noun_phrase_after(&tokens, next);
        }
        None
    }
}
