//! Explicit dates: numeric forms (`2021-03-16`, `16.03.2021`, `3/16/21`), "16 March 2021",
//! "March 16, 2021", "March 2021", years, decades ("the 1990s", "'90s"), centuries, spoken years
//! ("nineteen ninety-six") and quarters ("the third quarter of 1989").
//!
//! In: the token index of a number or month word. Out: a match (end token and value); a month
//! or day without a year takes it from `anchor.rs`.

use super::keywords::{Keyword, Unit};
use super::scanner::{Found, Tagger};
use super::tense::Tense;
use super::tokens::{Lower, TokenKind};
use super::value::{quarter_of, ymd, Value};

impl<'a> Tagger<'a> {
    pub(super) fn at_apostrophe_decade(&self, i: usize) -> Found {
        // '90s
        let (v, nd) = self.number(i + 1)?;
        if nd == 2 && self.tight(i + 1) && self.is_word(i + 2, "s") && self.tight(i + 2) {
            if v % 10 != 0 {
                return None;
            }
            let century = self.century_guess(v);
            return Some((i + 3, Value::Decade(century * 10 + (v / 10) as i32)));
        }
        None
    }

    /// A number at `i`: the numeric date forms (`2021-03-16`, `2021-03`, `16.03.2021`,
    /// `2021/03/16`, `3/16/2021`), else [`Tagger::at_number_phrase`].
    pub(super) fn at_number(&self, i: usize) -> Found {
        let (v, nd) = self.number(i)?;
        // ISO date 2021-03-16 or month 2021-03.
        if nd == 4
            && self.is_punct(i + 1, b'-')
            && self.tight(i + 1)
            && self.tight(i + 2)
            && self.number(i + 2).is_some_and(|(_, d)| d == 2)
        {
            let (m, _) = self.number(i + 2)?;
            if self.is_punct(i + 3, b'-') && self.tight(i + 3) && self.tight(i + 4) {
                if let Some((d, 2)) = self.number(i + 4) {
                    if let Some(c) = ymd(v as i32, m, d) {
                        let mut j = i + 5;
                        // Optional time: T10:30 or " 10:30".
                        if self.is_word(j, "T") && self.tight(j) {
                            j = self.skip_clock_digits(j + 1).unwrap_or(j);
                        }
                        return Some((j, Value::Day(c)));
                    }
                }
                return None;
            }
            // "2010-11" is a season or fiscal span, not November.
            let span = m == (v + 1) % 100;
            if (1..=12).contains(&m) && (1000..2100).contains(&v) && !span {
                return Some((i + 3, Value::Month(v as i32, m)));
            }
        }
        // Dotted d.m.yyyy (European) and slashed yyyy/mm/dd.
        if (nd <= 2 && self.is_punct(i + 1, b'.')) || (nd == 4 && self.is_punct(i + 1, b'/')) {
            let sep = self.byte(i + 1);
            let all_tight = (1..=4).all(|k| self.tight(i + k));
            if all_tight && self.is_punct(i + 3, sep) {
                if let (Some((b2, n2)), Some((c3, n3))) = (self.number(i + 2), self.number(i + 4)) {
                    let date = if nd <= 2 && n2 <= 2 && n3 == 4 {
                        ymd(c3 as i32, b2, v)
                    } else if nd == 4 && n2 <= 2 && n3 <= 2 {
                        ymd(v as i32, b2, c3)
                    } else {
                        None
                    };
                    let more = self.tight(i + 5)
                        && self.tokens.get(i + 5).is_some_and(|t| {
                            t.kind != TokenKind::Punctuation || self.byte(i + 5) == sep
                        });
                    if let (Some(c), false) = (date, more) {
                        return Some((i + 5, Value::Day(c)));
                    }
                }
            }
        }
        // Numeric m/d/yyyy or m/d/yy.
        if nd <= 2 && self.is_punct(i + 1, b'/') && self.tight(i + 1) && self.tight(i + 2) {
            let (d, dn) = self.number(i + 2)?;
            if dn <= 2 && self.is_punct(i + 3, b'/') && self.tight(i + 3) && self.tight(i + 4) {
                let (y, yn) = self.number(i + 4)?;
                if self.tight(i + 5)
                    && self.tokens.get(i + 5).is_some_and(|t| {
                        t.kind != TokenKind::Punctuation || matches!(self.byte(i + 5), b'/' | b'-')
                    })
                {
                    return None;
                }
                let y = match yn {
                    4 => y as i32,
                    2 => self.century_guess(y) * 100 + y as i32,
                    _ => return None,
                };
                // US order; fall back to day/month when the month is impossible.
                let c = ymd(y, v, d).or_else(|| ymd(y, d, v))?;
                return Some((i + 5, Value::Day(c)));
            }
            return None;
        }
        self.at_number_phrase(i, v, nd)
    }

    /// A number `v` of `nd` digits at `i` read with the words around it: a day before a month
    /// ("16 March 2021"), an ordinal century, the second day of a range, a decade ("the 90s",
    /// "1990s"), a clock time, a plain year, or the count of "two years ago".
    pub(super) fn at_number_phrase(&self, i: usize, v: u32, nd: u8) -> Found {
        // Day Month [Year]: "16 March 2021", "16th of March".
        if nd <= 2 && (1..=31).contains(&v) {
            let mut j = i + 1;
            if self.tight(j) && matches!(self.keyword(j), Keyword::Ordinal(_)) {
                j += 1;
            }
            if self.keyword(j) == Keyword::Of {
                j += 1;
            }
            if let Keyword::Month(m) = self.keyword(j) {
                if self.tokens[j].capitalized && self.month_word_ok(j) {
                    let mut k = self.skip_dot(j + 1);
                    if self.is_punct(k, b',') {
                        k += 1;
                    }
                    if let Some(y) = self.year_at(k) {
                        return Some((k + 1, self.day_val(Some(y), m, v)));
                    }
                    let k = self.skip_dot(j + 1);
                    let y = self.year_for(m, Some(v), self.tense_left(i));
                    return Some((k, self.day_val(y, m, v)));
                }
            }
            // Century: "20th century", "the 11th century".
            if self.tight(i + 1) && matches!(self.keyword(i + 1), Keyword::Ordinal(_)) {
                let mut k = i + 2;
                if self.is_punct(k, b'-') {
                    k += 1;
                }
                if self.keyword(k) == Keyword::Unit(Unit::Century, false) {
                    return Some((k + 1, Value::Century(v as i32 - 1)));
                }
            }
        }
        // The second day of "April 24 and 25", "March 3-5".
        if let Some((d, end)) = self.last_day {
            let linked = end + 1 == i
                && (self.is_word(end, "and")
                    || self.is_word(end, "to")
                    || self.is_word(end, "or")
                    || self.is_punct(end, b'-')
                    || self.is_punct(end, b','));
            if linked && nd <= 2 && v > d.day && !matches!(self.keyword(i + 1), Keyword::Month(_)) {
                if let Some(c) = ymd(d.year, d.month, v) {
                    return Some((i + 1, Value::Day(c)));
                }
            }
        }
        // "the 90s", "early 80s" (no apostrophe).
        if nd == 2
            && v % 10 == 0
            && self.tight(i + 1)
            && self.is_word(i + 1, "s")
            && i > 0
            && matches!(
                self.keyword(i - 1),
                Keyword::The | Keyword::Early | Keyword::Late | Keyword::Mid | Keyword::In
            )
        {
            return Some((
                i + 2,
                Value::Decade(self.century_guess(v) * 10 + (v / 10) as i32),
            ));
        }
        // Clock time: "10 p.m.", "10:30 a.m.", "10:30" followed by a day reference.
        if nd <= 2 && v <= 24 {
            if let Some(f) = self.clock(i) {
                return Some(f);
            }
        }
        // Decades: 1990s, 1990's.
        if nd == 4 && v % 10 == 0 && (1000..2100).contains(&v) {
            let mut k = i + 1;
            if self.is_punct(k, b'\'') && self.tight(k) {
                k += 1;
            }
            if k < self.tokens.len() && self.tight(k) && self.word(k) == "s" {
                // "the 1800s" is a century; "the 2000s" the decade.
                if v % 100 == 0 && v < 2000 {
                    return Some((k + 1, Value::Century((v / 100) as i32)));
                }
                return Some((k + 1, Value::Decade((v / 10) as i32)));
            }
        }
        // Plain year.
        if let Some(y) = self.year_at(i) {
            if self.plain_year_ok(i) {
                // "1989 third quarter"
                if let Some((q, k)) = self.quarter_words(i + 1) {
                    return Some((k, Value::Quarter(y, q)));
                }
                return Some((i + 1, Value::Year(y)));
            }
        }
        if nd <= 3 {
            return self.at_ago(i);
        }
        None
    }

    /// A four-digit number that labels something ("No. 1999", "Section 1001") is no year.
    pub(super) fn plain_year_ok(&self, i: usize) -> bool {
        if i > 0 {
            let p = self.tokens[i - 1];
            if p.kind == TokenKind::Word
                && matches!(
                    Lower::new(self.word(i - 1)).as_str(),
                    "no" | "number"
                        | "flight"
                        | "route"
                        | "highway"
                        | "interstate"
                        | "room"
                        | "suite"
                        | "page"
                        | "pages"
                        | "section"
                        | "sections"
                        | "article"
                        | "chapter"
                        | "rule"
                        | "form"
                        | "item"
                        | "paragraph"
                        | "exhibit"
                        | "model"
                        | "version"
                        | "code"
                        | "channel"
                        | "vol"
                        | "volume"
                        | "issue"
                        | "resolution"
                        | "bill"
                        | "pp"
                )
            {
                return false;
            }
            if p.kind == TokenKind::Punctuation
                && self.byte(i - 1) == b'.'
                && i > 1
                && self.is_word(i - 2, "No")
            {
                return false;
            }
        }
        true
    }

    /// "third quarter", "third-quarter", "fourth quarter" at `j`: (quarter, index after).
    pub(super) fn quarter_words(&self, j: usize) -> Option<(u32, usize)> {
        let mut k = j;
        if self.keyword(k) == Keyword::Fiscal {
            k += 1;
        }
        if let Keyword::Ordinal(q) = self.keyword(k) {
            if (1..=4).contains(&q) && !self.tight(k)
                || k == j
                || self.tokens[k].kind == TokenKind::Word
            {
                let mut e = k + 1;
                if self.is_punct(e, b'-') {
                    e += 1;
                }
                if self.keyword(e) == Keyword::Unit(Unit::Quarter, false) && (1..=4).contains(&q) {
                    return Some((q, e + 1));
                }
            }
        }
        None
    }

    /// A quarter: year from a following "of 1989"/"of last year", the last quarter mentioned,
    /// or the anchor.
    pub(super) fn finish_quarter(&self, q: u32, k: usize) -> (usize, Value) {
        let mut e = k;
        if self.keyword(e) == Keyword::Of || self.keyword(e) == Keyword::In {
            e += 1;
        }
        if let Some(y) = self.year_at(e) {
            return (e + 1, Value::Quarter(y, q));
        }
        if self.keyword(e) == Keyword::Fiscal {
            if let Some(y) = self.year_at(e + 1) {
                return (e + 2, Value::Quarter(y, q));
            }
        }
        if let Some(y) = self.deictic_year(e) {
            return (e + 2, Value::Quarter(y, q));
        }
        // Preceded by an explicit year: "1989 third quarter" handled by caller.
        match self.anchor {
            Some(a) => {
                let aq = quarter_of(a.month);
                let y = if q > aq && q - aq >= 2 {
                    a.year - 1
                } else {
                    a.year
                };
                (k, Value::Quarter(y, q))
            }
            None => match self.last_year {
                Some(y) => (k, Value::Quarter(y, q)),
                None => (k, Value::Raw(format!("XXXX-Q{q}"))),
            },
        }
    }

    /// Accept a capitalized month word only where it reads as a month ("May" and "March" are
    /// ordinary words too).
    pub(super) fn month_word_ok(&self, j: usize) -> bool {
        let t = self.tokens[j];
        if !t.capitalized {
            return false;
        }
        let w = self.word(j);
        // All-caps headlines are fine; abbreviations need a following dot or number.
        let full = matches!(w.len(), 3..=9)
            && !matches!(
                Lower::new(w).as_str(),
                "jan"
                    | "feb"
                    | "mar"
                    | "apr"
                    | "jun"
                    | "jul"
                    | "aug"
                    | "sep"
                    | "sept"
                    | "oct"
                    | "nov"
                    | "dec"
            );
        if !full {
            // Abbreviation: need "." or a number next.
            return self.is_punct(j + 1, b'.') || self.number(j + 1).is_some();
        }
        true
    }

    pub(super) fn at_month(&self, i: usize, m: u32) -> Found {
        if !self.month_word_ok(i) {
            return None;
        }
        // The dot of an abbreviation ("Feb."); after a full name ("in February.") it ends the
        // sentence and stays out of the match.
        let abbrev = self.word(i).len() <= 4 && !matches!(m, 5..=7);
        let month_end = if abbrev { self.skip_dot(i + 1) } else { i + 1 };
        let mut j = month_end;
        // Month Day[, Year]
        if let Some((d, nd)) = self.number(j) {
            let decimal = (self.is_punct(j + 1, b'.') || self.is_punct(j + 1, b','))
                && self.tight(j + 1)
                && self.tight(j + 2)
                && self.number(j + 2).is_some();
            if nd <= 2
                && (1..=31).contains(&d)
                && !decimal
                && !(self.is_punct(j + 1, b':') && self.tight(j + 1) && self.tight(j + 2))
            {
                let mut k = j + 1;
                if self.tight(k) && matches!(self.keyword(k), Keyword::Ordinal(_)) {
                    k += 1;
                }
                let mut y_idx = k;
                if self.is_punct(y_idx, b',') {
                    y_idx += 1;
                }
                if let Some(y) = self.year_at(y_idx) {
                    return Some((y_idx + 1, self.day_val(Some(y), m, d)));
                }
                // "March 3 last year"
                if let Some(y) = self.deictic_year(k) {
                    return Some((k + 2, self.day_val(Some(y), m, d)));
                }
                let y = self.year_for(m, Some(d), self.tense_left(i));
                return Some((k, self.day_val(y, m, d)));
            }
            if nd == 4 {
                if let Some(y) = self.year_at(j) {
                    return Some((j + 1, Value::Month(y, m)));
                }
            }
        }
        // Month ordinal-word day: "March eighth"
        if let Keyword::Ordinal(d) = self.keyword(j) {
            if self.tokens[j].kind == TokenKind::Word
                && !self.tokens[j].capitalized
                && d <= 31
                && self.tokens[j].space
                && self.keyword(j + 1) != Keyword::Unit(Unit::Quarter, false)
            {
                let y = self.year_for(m, Some(d), self.tense(i, j + 1));
                return Some((j + 1, self.day_val(y, m, d)));
            }
        }
        // Month, Year / Month of Year
        let mut k = j;
        if self.is_punct(k, b',') || self.keyword(k) == Keyword::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Value::Month(y, m)));
        }
        // "In September that year": the year last named.
        if self.keyword(k) == Keyword::That
            && self.keyword(k + 1) == Keyword::Unit(Unit::Year, false)
        {
            if let Some(y) = self.last_explicit_year {
                return Some((k + 2, Value::Month(y, m)));
            }
        }
        // Month this/last/next year
        if let Some(y) = self.deictic_year(k) {
            return Some((k + 2, Value::Month(y, m)));
        }
        // "nineteen ninety-seven" after a month
        if let Some((e, y)) = self.spoken_year(k) {
            return Some((e, Value::Month(y, m)));
        }
        // Month alone: require a context that reads as a date.
        if !self.month_alone_ok(i, m) {
            return None;
        }
        j = month_end;
        // "between August and September 1886": the year of the range's end.
        let linked = self.is_word(j, "and")
            || self.is_word(j, "to")
            || self.is_word(j, "through")
            || self.is_word(j, "until")
            || self.is_punct(j, b'-');
        if linked {
            if let Keyword::Month(m2) = self.keyword(j + 1) {
                if let Some((_, Value::Month(y2, _))) = self.at_month(j + 1, m2) {
                    let explicit = self.tokens[j + 1..(j + 5).min(self.tokens.len())]
                        .iter()
                        .any(|t| t.kind == TokenKind::Number && t.digits == 4);
                    if explicit {
                        let y = if m2 < m { y2 - 1 } else { y2 };
                        return Some((j, Value::Month(y, m)));
                    }
                }
            }
        }
        // "by May", "until June": a deadline ahead unless the clause is past.
        let deadline = i > 0
            && (self.is_word(i - 1, "by")
                || self.is_word(i - 1, "until")
                || self.is_word(i - 1, "till"));
        let tense = match self.tense(i, j) {
            Tense::Unknown if deadline => Tense::Future,
            // "agreed to buy it in February": the month belongs to the infinitive, which may
            // lie ahead of the past verb; fall back to the nearest month.
            Tense::Past if self.infinitive_before(i) => Tense::Unknown,
            t => t,
        };
        let y = self.year_for(m, None, tense);
        Some((j, self.month_val(y, m)))
    }

    pub(super) fn month_alone_ok(&self, i: usize, m: u32) -> bool {
        let w = self.word(i);
        if w.len() <= 4 && m != 5 && m != 6 && m != 7 {
            // Bare abbreviations ("Mar", "Dec") are not dates without a day.
            return false;
        }
        let prev = if i > 0 {
            self.keyword(i - 1)
        } else {
            Keyword::None
        };
        let prev_word = if i > 0 && self.tokens[i - 1].kind == TokenKind::Word {
            Lower::new(self.word(i - 1))
        } else {
            Lower::new("")
        };
        let date_prep = matches!(
            prev_word.as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "through"
                | "during"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "of"
                | "last"
                | "next"
                | "this"
                | "to"
                | "between"
                | "and"
                | "or"
                | "around"
                | "throughout"
                | "end"
                | "for"
                | "on"
                | "that"
                | "each"
                | "every"
                | "a"
                | "the"
        ) || matches!(prev, Keyword::Early | Keyword::Late | Keyword::Mid);
        if m == 5 || m == 3 {
            // "May" and "March" only after a date preposition.
            return date_prep
                && !(matches!(
                    prev_word.as_str(),
                    "and" | "or" | "to" | "that" | "a" | "the"
                ));
        }
        if date_prep {
            return true;
        }
        // Sentence-initial or elsewhere: accept when followed by a comma or possessive.
        let j = i + 1;
        self.is_punct(j, b',') || self.is_possessive(j)
    }

    /// "nineteen ninety-six", "two thousand", "nineteen eighty".
    pub(super) fn spoken_year(&self, i: usize) -> Option<(usize, i32)> {
        let Keyword::NumberWord(h) = self.keyword(i) else {
            return None;
        };
        if h == 2 && self.keyword(i + 1) == Keyword::NumberWord(1000) {
            let mut e = i + 2;
            let mut y = 2000;
            if self.is_word(e, "and") {
                if let Some((e2, v)) = self
                    .cardinal(e + 1)
                    .filter(|_| self.keyword(e + 1) != Keyword::A)
                {
                    y += v as i32;
                    e = e2;
                }
            }
            return Some((e, y));
        }
        if !(11..=20).contains(&h) {
            return None;
        }
        let (e, v) = self.cardinal(i + 1)?;
        if self.keyword(i + 1) == Keyword::A
            || self.tokens[i + 1].kind == TokenKind::Number
            || !(10..100).contains(&v)
        {
            return None;
        }
        Some((e, h as i32 * 100 + v as i32))
    }
    /// "Q3", "Q3 2020".
    pub(super) fn at_quarter_code(&self, i: usize) -> Found {
        // Q3, Q3 2020
        let (q, nd) = self.number(i + 1)?;
        if !self.tokens[i].capitalized || nd != 1 || !(1..=4).contains(&q) || !self.tight(i + 1) {
            return None;
        }
        if let Some(y) = self.year_at(i + 2) {
            return Some((i + 3, Value::Quarter(y, q)));
        }
        Some(self.finish_quarter(q, i + 2))
    }

    /// "H1 2021".
    pub(super) fn at_half_code(&self, i: usize) -> Found {
        // H1 2021
        let (h, nd) = self.number(i + 1)?;
        if !self.tokens[i].capitalized || nd != 1 || !(1..=2).contains(&h) || !self.tight(i + 1) {
            return None;
        }
        let y = self.year_at(i + 2)?;
        Some((i + 3, Value::Half(y, h)))
    }

    /// "FY2021", "FY 2021", "FY21".
    pub(super) fn at_fiscal_year_code(&self, i: usize) -> Found {
        // FY2021, FY 2021, FY21
        let (v, nd) = self.number(i + 1)?;
        if !self.tokens[i].capitalized {
            return None;
        }
        let y = match nd {
            4 if (1900..2100).contains(&v) => v as i32,
            2 => self.century_guess(v) * 100 + v as i32,
            _ => return None,
        };
        Some((i + 2, Value::Year(y)))
    }
}
