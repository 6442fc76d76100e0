//! Tense of the clause around an expression, from the nearest verb-like cue ("will", "said",
//! "-ed" forms, "is scheduled to", ...) within the clause (see `clause.rs` for its limits).
//!
//! In: the token span of an expression. Out: [`Tense`] past, future or unknown.

use super::keywords::Keyword;
use super::scanner::Tagger;
use super::tokens::{Lower, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

impl<'a> Tagger<'a> {
    /// Tense from a strong cue right before a day ("ended March 31", "since Jan. 5").
    pub(super) fn tense_left(&self, i: usize) -> Tense {
        let mut k = i;
        for _ in 0..2 {
            if k == 0 {
                break;
            }
            k -= 1;
            if self.tokens[k].kind != TokenKind::Word {
                break;
            }
            let w = self.word(k);
            let is = |x: &str| w.eq_ignore_ascii_case(x);
            if is("on") || is("of") {
                continue;
            }
            if is("ended") || is("since") || is("was") || is("were") || is("last") {
                return Tense::Past;
            }
            if is("until") || is("will") || is("next") || is("till") {
                return Tense::Future;
            }
            break;
        }
        Tense::Unknown
    }

    /// Tense of the clause around tokens `i..j`: the nearest verb-like cue wins.
    pub(super) fn tense(&self, i: usize, j: usize) -> Tense {
        const WIN: usize = 12;
        let n = self.tokens.len();
        let mut best: Option<(usize, Tense)> = None;
        // Left.
        let mut k = i;
        let mut dist = 0;
        // The expression opens its clause ("In August, she ...", "but on Sunday, he ..."):
        // then the clause after it is the one it dates.
        let mut fronted = i == 0;
        let mut crossed_that = false;
        // "in June, when she told ...": the "when" clause is about the date.
        let mut when_clause = false;
        while k > 0 && dist < WIN {
            k -= 1;
            dist += 1;
            if self.is_boundary(k) || self.conj_break(k) {
                fronted = self.only_particles(k + 1, i);
                break;
            }
            if k == 0 {
                fronted = self.only_particles(0, i);
            }
            // "the convention, which begins Monday": a scheduled event in the present tense.
            if dist <= 2 && self.is_schedule_verb(k) && !(k > 0 && self.is_word(k - 1, "to")) {
                best = Some((dist, Tense::Future));
                break;
            }
            if let Some(t) = self.tense_cue(k) {
                best = Some((dist, t));
                // A regular "-ed" form may be a participle ("will present updated plans"):
                // a "will" further left in the clause decides.
                // (Not "having raised": a perfect participle stays past.)
                if t == Tense::Past
                    && self.word(k).ends_with("ed")
                    && !(k > 0 && self.is_word(k - 1, "having"))
                    && self.will_left(k, WIN - dist)
                {
                    best = Some((dist, Tense::Future));
                }
                break;
            }
            // "said", "told reporters": a reporting verb anywhere left in the clause (nearer
            // cues were seen first); "says" only right before the date. Not across "that":
            // "said that the vote was set for March" dates the vote, not the saying.
            if self.is_word(k, "that") {
                crossed_that = true;
            }
            if self.is_reporting_past(k) && (dist <= 2 || !crossed_that && self.reporting_frame(k))
            {
                best = Some((dist, Tense::Past));
                break;
            }
        }
        // Right.
        let mut k = j;
        let mut dist = 0;
        while k < n && dist < WIN {
            if self.is_boundary(k)
                || self.conj_break(k)
                || (!fronted && self.pronoun_break(k) && !(k > 0 && self.is_word(k - 1, "when")))
                || self.is_quote(k)
            {
                break;
            }
            dist += 1;
            // "On Tuesday, the company said it would ...", "Smith on Tuesday said": the
            // reporting verb is the clause's (not in '... in April," he said').
            if self.is_word(k, "when") {
                when_clause = true;
            }
            // ("Smith on Tuesday said", "Smith Tuesday said"; not "voters in November said".)
            let adjacent = dist == 1
                && i > 0
                && (self.is_word(i - 1, "on")
                    || self.tokens[i - 1].kind == TokenKind::Word
                        && self.tokens[i - 1].capitalized);
            let cue = if (fronted || adjacent || when_clause)
                && self.is_reporting_past(k)
                && !self.is_word(k, "says")
            {
                Some(Tense::Past)
            } else if self.is_word(k, "ahead") {
                // "said Monday ahead of the vote": the vote lies ahead, not the Monday.
                None
            } else {
                self.tense_cue(k)
            };
            if let Some(t) = cue {
                if best.is_none_or(|(bd, _)| dist + 3 < bd) {
                    best = Some((dist, t));
                }
                break;
            }
            k += 1;
        }
        best.map_or(Tense::Unknown, |b| b.1)
    }

    /// "will", "shall" or "'ll" within `win` tokens left of `k`, in the same clause.
    pub(super) fn will_left(&self, mut k: usize, win: usize) -> bool {
        for _ in 0..win {
            if k == 0 {
                return false;
            }
            k -= 1;
            if self.is_boundary(k) || self.is_punct(k, b',') {
                return false;
            }
            if self.is_word(k, "will") || self.is_word(k, "shall") || self.is_word(k, "ll") {
                return true;
            }
        }
        false
    }

    /// Between the nearest past-tense cue to the left of `i` and `i` lies "to" + a verb-like
    /// lower-case word ("decided to admit them in March").
    pub(super) fn infinitive_before(&self, i: usize) -> bool {
        let mut k = i;
        let mut seen_to = false;
        let mut dist = 0;
        while k > 1 && dist < 12 {
            k -= 1;
            dist += 1;
            if self.is_boundary(k) {
                return false;
            }
            if self.tense_cue(k) == Some(Tense::Past) {
                return seen_to;
            }
            if self.is_word(k, "to") {
                let next = self.tokens[k + 1];
                let verb_like = next.kind == TokenKind::Word
                    && !next.capitalized
                    && next.keyword == Keyword::None
                    && !matches!(
                        Lower::new(self.word(k + 1)).as_str(),
                        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "my" | "be"
                    );
                seen_to |= verb_like;
            }
        }
        false
    }

    /// A reporting verb whose own adjuncts follow it: "told CNN on Monday", "said in a
    /// statement Sunday"; not "said the meeting in May would ..." (a complement clause).
    pub(super) fn reporting_frame(&self, k: usize) -> bool {
        if self.is_word(k, "says") {
            return false;
        }
        if !self.is_word(k, "said") {
            return true;
        }
        // Or an inverted subject: "said those familiar with the talks on Tuesday" (but not a
        // name: "said Smith will speak Monday" is as common as "said Smith on Monday").
        self.tokens
            .get(k + 1)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && (matches!(
                Lower::new(self.word(k + 1)).as_str(),
                "in" | "at"
                    | "on"
                    | "during"
                    | "to"
                    | "after"
                    | "before"
                    | "late"
                    | "early"
                    | "while"
                    | "by"
                    | "via"
                    | "through"
                    | "from"
                    | "those"
            ))
    }

    /// Present-tense verbs of schedules: "the trial begins Monday", "the store opens Friday".
    /// Only forms that are rarely nouns ("the end of March", "a fresh start" are not cues).
    pub(super) fn is_schedule_verb(&self, k: usize) -> bool {
        self.tokens[k].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(k)).as_str(),
                "begins"
                    | "begin"
                    | "starts"
                    | "opens"
                    | "ends"
                    | "resumes"
                    | "resume"
                    | "convenes"
                    | "convene"
                    | "expires"
                    | "arrives"
                    | "departs"
            )
            && !(k > 0
                && matches!(
                    Lower::new(self.word(k - 1)).as_str(),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "to"
                ))
    }

    /// "said", "told", "announced": past only right before the expression ("said Tuesday").
    pub(super) fn is_reporting_past(&self, k: usize) -> bool {
        self.tokens[k].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(k)).as_str(),
                "said" | "told" | "reported" | "announced" | "says"
            )
    }

    /// The tense a word at `k` gives its clause, if any: plans and schedules ("is scheduled
    /// to", "plans to", "was expected to" gives none), then [`Tagger::verb_form_cue`].
    pub(super) fn tense_cue(&self, k: usize) -> Option<Tense> {
        let t = self.tokens[k];
        if t.kind != TokenKind::Word {
            // "'ll" contraction.
            return None;
        }
        let w = self.word(k);
        if w.len() < 2 || w.len() > 14 {
            return None;
        }
        let lw = Lower::new(w);
        let s = lw.as_str();
        if s == "to" && k > 0 && (self.is_word(k - 1, "is") || self.is_word(k - 1, "are")) {
            return Some(Tense::Future);
        }
        if s == "next"
            && !matches!(
                self.keyword(k + 1),
                Keyword::Unit(..) | Keyword::Weekday(_) | Keyword::Month(_) | Keyword::Season(_)
            )
        {
            // "next to the embassy"
            return None;
        }
        if matches!(s, "expected" | "scheduled" | "planned") && k > 1 && self.is_word(k - 1, "been")
        {
            return Some(Tense::Past);
        }
        // "was planned for March", "were expected to": a plan reported in the past says
        // nothing about whether its date has passed.
        let plan = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Word)
                && matches!(
                    Lower::new(self.word(k)).as_str(),
                    "expected"
                        | "scheduled"
                        | "planned"
                        | "slated"
                        | "set"
                        | "due"
                        | "planning"
                        | "preparing"
                        | "going"
                )
        };
        // "due to" is mostly "because of"; only "is due to end" is a plan.
        let due_ok = s != "due"
            || (k > 0
                && matches!(
                    Lower::new(self.word(k - 1)).as_str(),
                    "is" | "are" | "was" | "were" | "be"
                )
                && self.tokens.get(k + 2).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && !t.capitalized
                        && !matches!(
                            Lower::new(self.word(k + 2)).as_str(),
                            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "this" | "that"
                        )
                }));
        let planned_for =
            matches!(s, "scheduled" | "planned" | "slated" | "set") && self.is_word(k + 1, "for");
        // A plan reported in the past ("was due to", "were planning to") may have been
        // carried out already: no cue either way (below).
        if plan(k)
            && (self.is_word(k + 1, "to") && due_ok || planned_for)
            && !(k > 0
                && matches!(
                    Lower::new(self.word(k - 1)).as_str(),
                    "had" | "been" | "was" | "were"
                ))
        {
            // "were planning to drive there on Monday", "was expected to close in June".
            return Some(Tense::Future);
        }
        if (plan(k) && k > 0 && (self.is_word(k - 1, "was") || self.is_word(k - 1, "were")))
            || (matches!(s, "was" | "were") && plan(k + 1))
        {
            return None;
        }
        // "they planned a rally on Saturday": the planned event follows the planning, so
        // the past tense of the verb does not date it.
        if matches!(s, "planned" | "scheduled" | "slated")
            && !(k > 0 && (self.is_word(k - 1, "been") || self.is_word(k - 1, "had")))
            && !self.is_word(k + 1, "to")
        {
            return None;
        }
        if matches!(s, "set" | "planned" | "poised" | "supposed" | "slated")
            && self.is_word(k + 1, "to")
        {
            return Some(Tense::Future);
        }
        // "plans to", "planning to": the noun ("vacation plans") is no cue.
        if matches!(s, "plan" | "plans" | "planning") {
            return if self.is_word(k + 1, "to") {
                Some(Tense::Future)
            } else {
                None
            };
        }
        self.verb_form_cue(k, s)
    }

    /// The tense of the verb form `s` (the lower-cased word at `k`): auxiliaries and modals
    /// ("will", "would", "had" + "-ed"), passives, irregular past forms, regular "-ed" forms
    /// (not participles used as adjectives).
    pub(super) fn verb_form_cue(&self, k: usize, s: &str) -> Option<Tense> {
        // Past perfect: "had expected", "had planned".
        if k > 0 && self.is_word(k - 1, "had") && s.ends_with("ed") {
            return Some(Tense::Past);
        }
        if matches!(s, "soon" | "early") && self.is_word(k + 1, "as") {
            return Some(Tense::Future);
        }
        if matches!(
            s,
            "will"
                | "ll"
                | "shall"
                | "would"
                | "expected"
                | "expects"
                | "scheduled"
                | "upcoming"
                | "next"
                | "until"
                | "going"
                | "intends"
                | "hopes"
                | "ahead"
                | "aims"
                | "wants"
                | "want"
        ) {
            return Some(Tense::Future);
        }
        // A passive infinitive ("the package, to be unveiled on Tuesday") lies ahead.
        // Not after "had hoped to be", "waiting to be" (a past or ongoing wish).
        if k > 2
            && self.is_word(k - 1, "be")
            && self.is_word(k - 2, "to")
            && s.ends_with("ed")
            && !(self.tokens[k - 3].kind == TokenKind::Word && self.word(k - 3).ends_with("ing"))
            && !(k.saturating_sub(9)..k - 3).any(|h| self.is_word(h, "had"))
        {
            return Some(Tense::Future);
        }
        // A passive after "be" ("will be held") takes its tense from the auxiliary.
        if k > 0
            && (self.is_word(k - 1, "be")
                || self.is_word(k - 1, "being")
                || self.is_word(k - 1, "is")
                || self.is_word(k - 1, "are"))
        {
            return None;
        }
        match s {
            "was" | "were" | "had" | "did" | "made" | "took" | "went" | "came" | "gave"
            | "found" | "saw" | "began" | "left" | "fell" | "rose" | "won" | "lost" | "held"
            | "led" | "sent" | "paid" | "sold" | "bought" | "brought" | "met" | "spoke"
            | "wrote" | "became" | "knew" | "thought" | "ran" | "got" | "kept" | "struck"
            | "shot" | "hit" | "felt" | "grew" | "drew" | "threw" | "ago" | "last" | "since"
            | "earlier" | "fought" | "sought" | "caught" | "taught" | "stood" | "built"
            | "spent" | "lent" | "meant" | "heard" | "understood" | "chose" | "broke" | "woke"
            | "flew" | "slid" | "hid" | "fled" | "bore" | "swore" | "tore" | "wore" | "sank"
            | "drank" | "sang" | "rang" | "forgot" => return Some(Tense::Past),
            _ => {}
        }
        if s.len() >= 5 && s.ends_with("ed") {
            // A participle used as an adjective is no tense cue: "an unspecified date",
            // "the proposed merger", "its revised forecast".
            if s.starts_with("un")
                || (k > 0
                    && matches!(
                        Lower::new(self.word(k - 1)).as_str(),
                        "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "this"
                    ))
            {
                return None;
            }
            if matches!(
                s,
                "indeed" | "proceed" | "exceed" | "succeed" | "hundred" | "speed" | "breed"
            ) {
                return None;
            }
            return Some(Tense::Past);
        }
        None
    }
}
