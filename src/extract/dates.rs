//! Rule-based temporal tagger for news text, in the manner of HeidelTime.
//!
//! Finds date (and time-of-day) expressions and normalizes them to TimeML TIMEX3 values:
//! `2021-03-16`, `2021-03`, `2021`, `202` (decade), `20` (century), `2021-W11`,
//! `2021-W11-WE` (weekend), `2020-Q4`, `2020-H1`, `2020-SU`, `2021-03-16TMO` (part of day),
//! `2021-03-16T22:00`, `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, or partial values with `X`
//! when no reference date is known (`XXXX-01-07`, `XXXX-WXX-2`).
//!
//! The scanner works on a light tokenization (words, numbers, single punctuation marks) and
//! only looks closely at tokens that can start an expression: numbers and a small keyword set.
//! Relative expressions are resolved against the article date (`anchor`):
//! - weekdays: by the tense of the clause (nearest verb cue: "will", "said", "-ed" forms...);
//!   past or unknown → the latest such day on or before the anchor (unknown and the day is
//!   tomorrow → tomorrow), future → the next one on or after it;
//! - a month without year: past → latest on or before the anchor's month, future → next, else
//!   the nearest; a month-day without year: the nearest (4 months ahead, 6 back) unless a cue
//!   right before decides ("since", "ended", "last" / "until", "next", "will");
//! - "the quarter", "a year earlier", "the year-ago period" follow the last quarter named in
//!   the previous ~60 tokens (earnings reports), else the anchor's previous quarter / year;
//! - "the following year", "the day before" follow the last explicit date named, else the anchor.
//!
//! Without an anchor, year-less expressions take the last explicit year seen in the text, and
//! anchor-relative ones ("yesterday", "last year") stay partial (`XXXX-XX-XX`, `XXXX`).

use crate::extract::types::{days_in_month, CivilDate, DateMention};

/// All date expressions in `text` (byte offsets, sorted, non-overlapping), with values resolved
/// against `anchor` (the article date) when given.
pub fn tag(text: &str, anchor: Option<CivilDate>) -> Vec<DateMention> {
    let tokens = tokenize(text);
    let anchor = anchor.map(|a| dateline_date(text, &tokens, a).unwrap_or(a));
    let mut t = Tagger {
        text,
        tokens: &tokens,
        anchor,
        last_year: None,
        last_quarter: None,
        last_quarter_at: 0,
        last_explicit_year: None,
        last_explicit_day: None,
        year_written_at: None,
        last_explicit_month: None,
        last_any_day: None,
        last_day: None,
        out: Vec::new(),
    };
    t.run();
    t.out
}

/// The calendar interval a value covers, first and last day inclusive. `None` for partial or
/// unresolved values (containing `X`) and for non-dates (`PRESENT_REF` etc.).
pub fn value_range(value: &str) -> Option<(CivilDate, CivilDate)> {
    let v = value.trim();
    if v.contains('X') || v.is_empty() {
        return None;
    }
    // A time value is reduced to its day.
    let v = match v.find('T') {
        Some(p) if p >= 10 => &v[..p],
        _ => v,
    };
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let num = |s: &str| s.parse::<i32>().ok();
    match b.len() {
        2 if digits(b) => {
            let c = num(v)?;
            Some((ymd(c * 100, 1, 1)?, ymd(c * 100 + 99, 12, 31)?))
        }
        3 if digits(b) => {
            let d = num(v)?;
            Some((ymd(d * 10, 1, 1)?, ymd(d * 10 + 9, 12, 31)?))
        }
        4 if digits(b) => {
            let y = num(v)?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
        }
        _ => {
            if b.len() < 7 || !digits(&b[..4]) || b[4] != b'-' {
                return None;
            }
            let y = num(&v[..4])?;
            let rest = &v[5..];
            let rb = rest.as_bytes();
            if rb.len() == 2 && digits(rb) {
                let m = rest.parse::<u32>().ok()?;
                return Some((ymd(y, m, 1)?, ymd(y, m, days_in_month(y, m))?));
            }
            if rb.len() == 5 && digits(&rb[..2]) && rb[2] == b'-' && digits(&rb[3..]) {
                let d = CivilDate::parse_iso(v)?;
                return Some((d, d));
            }
            if rb.len() >= 2 && rb[0] == b'Q' && digits(&rb[1..]) {
                let q = rest[1..].parse::<u32>().ok()?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                let m = (q - 1) * 3 + 1;
                return Some((ymd(y, m, 1)?, ymd(y, m + 2, days_in_month(y, m + 2))?));
            }
            if rb.len() == 2 && rb[0] == b'H' && (rb[1] == b'1' || rb[1] == b'2') {
                return if rb[1] == b'1' {
                    Some((ymd(y, 1, 1)?, ymd(y, 6, 30)?))
                } else {
                    Some((ymd(y, 7, 1)?, ymd(y, 12, 31)?))
                };
            }
            if rb.len() >= 3 && rb[0] == b'W' && digits(&rb[1..3]) {
                let w = rest[1..3].parse::<u32>().ok()?;
                let monday = iso_week_monday(y, w)?;
                return match &rest[3..] {
                    "" => Some((monday, monday.add_days(6))),
                    "-WE" => Some((monday.add_days(5), monday.add_days(6))),
                    _ => None,
                };
            }
            match rest {
                "SP" => Some((ymd(y, 3, 1)?, ymd(y, 5, 31)?)),
                "SU" => Some((ymd(y, 6, 1)?, ymd(y, 8, 31)?)),
                "FA" => Some((ymd(y, 9, 1)?, ymd(y, 11, 30)?)),
                "WI" => Some((ymd(y, 12, 1)?, ymd(y + 1, 2, days_in_month(y + 1, 2))?)),
                _ => None,
            }
        }
    }
}

/// The date of a wire dateline opening the text ("NAIROBI, Kenya, Aug. 7 (AP) --"), when it
/// falls up to three days before the archive date: the story was written then, and "today" or
/// "Friday" refer to that day.
fn dateline_date(text: &str, tokens: &[Token], a: CivilDate) -> Option<CivilDate> {
    let word = |t: &Token| &text[t.start as usize..t.end as usize];
    let byte = |t: &Token| text.as_bytes()[t.start as usize];
    // Place name: upper-case words, commas, dots; then the month.
    let mut k = 0;
    let mut comma = false;
    while k < tokens.len() && k < 12 {
        let t = &tokens[k];
        match t.kind {
            TokenKind::Word if matches!(t.keyword, Keyword::Month(_)) && comma => break,
            TokenKind::Word if word(t).bytes().all(|c| !c.is_ascii_lowercase()) => {}
            // "State" after a comma: "Amherst, N.Y.", "Nairobi, Kenya".
            TokenKind::Word if comma && t.capitalized => {}
            TokenKind::Punctuation if byte(t) == b',' => comma = true,
            TokenKind::Punctuation if byte(t) == b'.' => {}
            _ => return None,
        }
        k += 1;
    }
    if k == 0 || k >= tokens.len() || !comma || tokens[0].kind != TokenKind::Word {
        return None;
    }
    let Keyword::Month(m) = tokens[k].keyword else {
        return None;
    };
    let mut j = k + 1;
    if tokens
        .get(j)
        .is_some_and(|t| t.kind == TokenKind::Punctuation && byte(t) == b'.')
    {
        j += 1;
    }
    let t = tokens.get(j)?;
    if t.kind != TokenKind::Number || t.digits > 2 || !(1..=31).contains(&t.number) {
        return None;
    }
    // Then "(Agency)" or a dash.
    let next = tokens.get(j + 1)?;
    if next.kind != TokenKind::Punctuation || !matches!(byte(next), b'(' | b'-' | b'_') {
        return None;
    }
    let d = t.number;
    let y = if (m, d) <= (a.month, a.day) {
        a.year
    } else {
        a.year - 1
    };
    let date = ymd(y, m, d)?;
    let back = a.days_since_epoch() - date.days_since_epoch();
    (1..=3).contains(&back).then_some(date)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<CivilDate> {
    CivilDate::new(y, m, d)
}

/// Monday of ISO week `w` of ISO year `y`.
fn iso_week_monday(y: i32, w: u32) -> Option<CivilDate> {
    let jan4 = ymd(y, 1, 4)?;
    let last = ymd(y, 12, 28)?.iso_week().1;
    if w == 0 || w > last {
        return None;
    }
    let week1 = jan4.add_days(-i64::from(jan4.weekday()));
    Some(week1.add_days(7 * i64::from(w - 1)))
}

// ---------------------------------------------------------------------------------------------
// Tokens and keywords
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenKind {
    Word,
    Number,
    Punctuation,
    /// Non-ASCII run (letters, quotes, dashes of other scripts).
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keyword {
    None,
    Month(u32),
    Weekday(u32),
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Soon,
    Future,
    Past,
    Previously,
    Nowadays,
    Earlier,
    Later,
    Ago,
    Before,
    After,
    This,
    That,
    Last,
    Next,
    Coming,
    Previous,
    Following,
    Same,
    Latest,
    /// A calendar unit; `true` for the plural ("years").
    Unit(Unit, bool),
    /// "morning", "night": a part of day and its TIMEX3 code (`MO`, `NI`).
    PartOfDay(&'static str),
    Midnight,
    Noon,
    Ordinal(u32),
    /// A number written as a word ("two", "twenty", "thousand").
    NumberWord(u32),
    A,
    Few,
    Season(&'static str),
    Early,
    Late,
    Mid,
    End,
    Beginning,
    Holiday(Holiday),
    New,
    Eve,
    Day,
    Fiscal,
    The,
    These,
    Of,
    In,
    Ended,
    /// A time zone ("EST", "GMT").
    TimeZone,
    /// "Q" of "Q3".
    QuarterPrefix,
    /// "H" of "H1".
    HalfPrefix,
    /// "FY" of "FY2021".
    FiscalYearPrefix,
    Am,
    Pm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holiday {
    Christmas,
    Thanksgiving,
    Halloween,
    Easter,
    Election,
    Independence,
    Labor,
    Memorial,
    Valentine,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    start: u32,
    end: u32,
    kind: TokenKind,
    /// Whitespace precedes the token.
    space: bool,
    /// A line break precedes the token.
    newline: bool,
    /// First letter is upper case (words).
    capitalized: bool,
    keyword: Keyword,
    /// Value of a number token (saturating).
    number: u32,
    /// Digit count of a number token.
    digits: u8,
}

fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut tokens = Vec::with_capacity(b.len() / 5 + 4);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            if c == b'\n' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let (kind, keyword, number, digits, capitalized);
        if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = TokenKind::Word;
            keyword = lookup_keyword(&b[start..i]);
            number = 0;
            digits = 0;
            capitalized = c.is_ascii_uppercase();
        } else if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            kind = TokenKind::Number;
            keyword = Keyword::None;
            number = v;
            digits = (i - start).min(255) as u8;
            capitalized = false;
        } else if c < 0x80 {
            i += 1;
            kind = TokenKind::Punctuation;
            keyword = Keyword::None;
            number = 0;
            digits = 0;
            capitalized = false;
        } else {
            // A run of non-ASCII characters (always ends on a char boundary).
            i += 1;
            while i < b.len() && (b[i] & 0xC0) == 0x80 {
                i += 1;
            }
            kind = TokenKind::Other;
            keyword = Keyword::None;
            number = 0;
            digits = 0;
            capitalized = false;
        }
        tokens.push(Token {
            start: start as u32,
            end: i as u32,
            kind,
            space,
            newline,
            capitalized,
            keyword,
            number,
            digits,
        });
        space = false;
        newline = false;
    }
    tokens
}

/// A lower-cased copy of a short ASCII word on the stack (empty when longer than 16 bytes).
struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    fn new(w: &str) -> Lower {
        let mut buf = [0u8; 16];
        let b = w.as_bytes();
        if b.len() > 16 {
            return Lower { buf, len: 0 };
        }
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        Lower { buf, len: b.len() }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// The keyword table: lower-case word and its meaning.
const KEYWORDS: &[(&[u8], Keyword)] = &[
    (b"january", Keyword::Month(1)),
    (b"jan", Keyword::Month(1)),
    (b"february", Keyword::Month(2)),
    (b"feb", Keyword::Month(2)),
    (b"march", Keyword::Month(3)),
    (b"mar", Keyword::Month(3)),
    (b"april", Keyword::Month(4)),
    (b"apr", Keyword::Month(4)),
    (b"may", Keyword::Month(5)),
    (b"june", Keyword::Month(6)),
    (b"jun", Keyword::Month(6)),
    (b"july", Keyword::Month(7)),
    (b"jul", Keyword::Month(7)),
    (b"august", Keyword::Month(8)),
    (b"aug", Keyword::Month(8)),
    (b"september", Keyword::Month(9)),
    (b"sept", Keyword::Month(9)),
    (b"sep", Keyword::Month(9)),
    (b"october", Keyword::Month(10)),
    (b"oct", Keyword::Month(10)),
    (b"november", Keyword::Month(11)),
    (b"nov", Keyword::Month(11)),
    (b"december", Keyword::Month(12)),
    (b"dec", Keyword::Month(12)),
    (b"monday", Keyword::Weekday(0)),
    (b"tuesday", Keyword::Weekday(1)),
    (b"wednesday", Keyword::Weekday(2)),
    (b"thursday", Keyword::Weekday(3)),
    (b"friday", Keyword::Weekday(4)),
    (b"saturday", Keyword::Weekday(5)),
    (b"sunday", Keyword::Weekday(6)),
    (b"today", Keyword::Today),
    (b"yesterday", Keyword::Yesterday),
    (b"tomorrow", Keyword::Tomorrow),
    (b"tonight", Keyword::Tonight),
    (b"now", Keyword::Now),
    (b"currently", Keyword::Currently),
    (b"current", Keyword::Current),
    (b"recently", Keyword::Recently),
    (b"recent", Keyword::Recent),
    (b"soon", Keyword::Soon),
    (b"future", Keyword::Future),
    (b"past", Keyword::Past),
    (b"previously", Keyword::Previously),
    (b"formerly", Keyword::Previously),
    (b"nowadays", Keyword::Nowadays),
    (b"earlier", Keyword::Earlier),
    (b"later", Keyword::Later),
    (b"ago", Keyword::Ago),
    (b"before", Keyword::Before),
    (b"after", Keyword::After),
    (b"this", Keyword::This),
    (b"that", Keyword::That),
    (b"last", Keyword::Last),
    (b"next", Keyword::Next),
    (b"coming", Keyword::Coming),
    (b"upcoming", Keyword::Coming),
    (b"previous", Keyword::Previous),
    (b"prior", Keyword::Previous),
    (b"following", Keyword::Following),
    (b"same", Keyword::Same),
    (b"latest", Keyword::Latest),
    (b"day", Keyword::Day),
    (b"days", Keyword::Unit(Unit::Day, true)),
    (b"week", Keyword::Unit(Unit::Week, false)),
    (b"weeks", Keyword::Unit(Unit::Week, true)),
    (b"weekend", Keyword::Unit(Unit::Weekend, false)),
    (b"weekends", Keyword::Unit(Unit::Weekend, true)),
    (b"month", Keyword::Unit(Unit::Month, false)),
    (b"months", Keyword::Unit(Unit::Month, true)),
    (b"quarter", Keyword::Unit(Unit::Quarter, false)),
    (b"quarters", Keyword::Unit(Unit::Quarter, true)),
    (b"half", Keyword::Unit(Unit::Half, false)),
    (b"year", Keyword::Unit(Unit::Year, false)),
    (b"years", Keyword::Unit(Unit::Year, true)),
    (b"decade", Keyword::Unit(Unit::Decade, false)),
    (b"decades", Keyword::Unit(Unit::Decade, true)),
    (b"century", Keyword::Unit(Unit::Century, false)),
    (b"centuries", Keyword::Unit(Unit::Century, true)),
    (b"morning", Keyword::PartOfDay("MO")),
    (b"afternoon", Keyword::PartOfDay("AF")),
    (b"midafternoon", Keyword::Noon),
    (b"midmorning", Keyword::Noon),
    (b"evening", Keyword::PartOfDay("EV")),
    (b"night", Keyword::PartOfDay("NI")),
    (b"overnight", Keyword::PartOfDay("NI")),
    (b"midnight", Keyword::Midnight),
    (b"noon", Keyword::Noon),
    (b"midday", Keyword::Noon),
    (b"first", Keyword::Ordinal(1)),
    (b"st", Keyword::Ordinal(1)),
    (b"second", Keyword::Ordinal(2)),
    (b"nd", Keyword::Ordinal(2)),
    (b"third", Keyword::Ordinal(3)),
    (b"rd", Keyword::Ordinal(3)),
    (b"fourth", Keyword::Ordinal(4)),
    (b"th", Keyword::Ordinal(4)),
    (b"fifth", Keyword::Ordinal(5)),
    (b"sixth", Keyword::Ordinal(6)),
    (b"seventh", Keyword::Ordinal(7)),
    (b"eighth", Keyword::Ordinal(8)),
    (b"ninth", Keyword::Ordinal(9)),
    (b"tenth", Keyword::Ordinal(10)),
    (b"eleventh", Keyword::Ordinal(11)),
    (b"twelfth", Keyword::Ordinal(12)),
    (b"thirteenth", Keyword::Ordinal(13)),
    (b"fourteenth", Keyword::Ordinal(14)),
    (b"fifteenth", Keyword::Ordinal(15)),
    (b"sixteenth", Keyword::Ordinal(16)),
    (b"seventeenth", Keyword::Ordinal(17)),
    (b"eighteenth", Keyword::Ordinal(18)),
    (b"nineteenth", Keyword::Ordinal(19)),
    (b"twentieth", Keyword::Ordinal(20)),
    (b"thirtieth", Keyword::Ordinal(30)),
    (b"one", Keyword::NumberWord(1)),
    (b"two", Keyword::NumberWord(2)),
    (b"three", Keyword::NumberWord(3)),
    (b"four", Keyword::NumberWord(4)),
    (b"five", Keyword::NumberWord(5)),
    (b"six", Keyword::NumberWord(6)),
    (b"seven", Keyword::NumberWord(7)),
    (b"eight", Keyword::NumberWord(8)),
    (b"nine", Keyword::NumberWord(9)),
    (b"ten", Keyword::NumberWord(10)),
    (b"eleven", Keyword::NumberWord(11)),
    (b"twelve", Keyword::NumberWord(12)),
    (b"thirteen", Keyword::NumberWord(13)),
    (b"fourteen", Keyword::NumberWord(14)),
    (b"fifteen", Keyword::NumberWord(15)),
    (b"sixteen", Keyword::NumberWord(16)),
    (b"seventeen", Keyword::NumberWord(17)),
    (b"eighteen", Keyword::NumberWord(18)),
    (b"nineteen", Keyword::NumberWord(19)),
    (b"twenty", Keyword::NumberWord(20)),
    (b"thirty", Keyword::NumberWord(30)),
    (b"forty", Keyword::NumberWord(40)),
    (b"fifty", Keyword::NumberWord(50)),
    (b"sixty", Keyword::NumberWord(60)),
    (b"seventy", Keyword::NumberWord(70)),
    (b"eighty", Keyword::NumberWord(80)),
    (b"ninety", Keyword::NumberWord(90)),
    (b"hundred", Keyword::NumberWord(100)),
    (b"thousand", Keyword::NumberWord(1000)),
    (b"a", Keyword::A),
    (b"an", Keyword::A),
    (b"few", Keyword::Few),
    (b"several", Keyword::Few),
    (b"many", Keyword::Few),
    (b"some", Keyword::Few),
    (b"couple", Keyword::Few),
    (b"spring", Keyword::Season("SP")),
    (b"summer", Keyword::Season("SU")),
    (b"fall", Keyword::Season("FA")),
    (b"autumn", Keyword::Season("FA")),
    (b"winter", Keyword::Season("WI")),
    (b"early", Keyword::Early),
    (b"late", Keyword::Late),
    (b"mid", Keyword::Mid),
    (b"middle", Keyword::Mid),
    (b"end", Keyword::End),
    (b"beginning", Keyword::Beginning),
    (b"start", Keyword::Beginning),
    (b"christmas", Keyword::Holiday(Holiday::Christmas)),
    (b"xmas", Keyword::Holiday(Holiday::Christmas)),
    (b"thanksgiving", Keyword::Holiday(Holiday::Thanksgiving)),
    (b"halloween", Keyword::Holiday(Holiday::Halloween)),
    (b"easter", Keyword::Holiday(Holiday::Easter)),
    (b"election", Keyword::Holiday(Holiday::Election)),
    (b"independence", Keyword::Holiday(Holiday::Independence)),
    (b"labor", Keyword::Holiday(Holiday::Labor)),
    (b"labour", Keyword::Holiday(Holiday::Labor)),
    (b"memorial", Keyword::Holiday(Holiday::Memorial)),
    (b"valentine", Keyword::Holiday(Holiday::Valentine)),
    (b"new", Keyword::New),
    (b"eve", Keyword::Eve),
    (b"fiscal", Keyword::Fiscal),
    (b"the", Keyword::The),
    (b"these", Keyword::These),
    (b"of", Keyword::Of),
    (b"in", Keyword::In),
    (b"ended", Keyword::Ended),
    (b"ending", Keyword::Ended),
    (b"ends", Keyword::Ended),
    (b"est", Keyword::TimeZone),
    (b"edt", Keyword::TimeZone),
    (b"gmt", Keyword::TimeZone),
    (b"cst", Keyword::TimeZone),
    (b"cdt", Keyword::TimeZone),
    (b"pst", Keyword::TimeZone),
    (b"pdt", Keyword::TimeZone),
    (b"mst", Keyword::TimeZone),
    (b"mdt", Keyword::TimeZone),
    (b"utc", Keyword::TimeZone),
    (b"bst", Keyword::TimeZone),
    (b"cet", Keyword::TimeZone),
    (b"et", Keyword::TimeZone),
    (b"pt", Keyword::TimeZone),
    (b"ct", Keyword::TimeZone),
    (b"q", Keyword::QuarterPrefix),
    (b"h", Keyword::HalfPrefix),
    (b"fy", Keyword::FiscalYearPrefix),
    (b"am", Keyword::Am),
    (b"pm", Keyword::Pm),
];

/// Packs a lower-cased word of at most 13 ASCII letters into an integer key.
fn word_key(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > 13 {
        return None;
    }
    let mut k: u128 = w.len() as u128;
    for &c in w {
        k = (k << 8) | u128::from(c.to_ascii_lowercase());
    }
    Some(k)
}

/// A cheap multiplicative hasher for the integer keys of the keyword map.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u128(&mut self, v: u128) {
        let x = (v as u64) ^ ((v >> 64) as u64).rotate_left(29);
        self.0 = (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type KeywordMap =
    std::collections::HashMap<u128, Keyword, std::hash::BuildHasherDefault<KeyHasher>>;

fn lookup_keyword(w: &[u8]) -> Keyword {
    static MAP: std::sync::OnceLock<KeywordMap> = std::sync::OnceLock::new();
    let Some(key) = word_key(w) else {
        return Keyword::None;
    };
    let map = MAP.get_or_init(|| {
        KEYWORDS
            .iter()
            .filter_map(|&(w, kw)| word_key(w).map(|k| (k, kw)))
            .collect()
    });
    map.get(&key).copied().unwrap_or(Keyword::None)
}

// ---------------------------------------------------------------------------------------------
// Values under construction
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

#[derive(Clone, Debug)]
enum Value {
    Day(CivilDate),
    /// A day with a part of day (`MO`) or a clock time (`T10:30`).
    DayTime(CivilDate, String),
    Month(i32, u32),
    Year(i32),
    Decade(i32),
    Century(i32),
    Week(i32, u32),
    Weekend(i32, u32),
    Quarter(i32, u32),
    /// A quarter reached back from another ("a year earlier"): not a new reference.
    QuarterAgo(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    /// Anything already formatted (references, partial values).
    Raw(String),
}

impl Value {
    fn render(&self) -> String {
        match self {
            Value::Day(d) => d.to_string(),
            Value::DayTime(d, t) => format!("{d}T{t}"),
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Year(y) => format!("{y:04}"),
            Value::Decade(d) => format!("{d:03}"),
            Value::Century(c) => format!("{c:02}"),
            Value::Week(y, w) => format!("{y:04}-W{w:02}"),
            Value::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Value::Quarter(y, q) | Value::QuarterAgo(y, q) => format!("{y:04}-Q{q}"),
            Value::Half(y, h) => format!("{y:04}-H{h}"),
            Value::Season(y, s) => format!("{y:04}-{s}"),
            Value::Raw(s) => s.clone(),
        }
    }
}

fn week_of(d: CivilDate) -> Value {
    let (y, w) = d.iso_week();
    Value::Week(y, w)
}

fn weekend_of(d: CivilDate) -> Value {
    let (y, w) = d.iso_week();
    Value::Weekend(y, w)
}

fn month_shift(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn quarter_shift(y: i32, q: u32, delta: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + delta;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// Season index in calendar order of its start (SP=0, SU=1, FA=2, WI=3) and of a month.
fn season_index(s: &str) -> i32 {
    match s {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

fn season_of_month(m: u32) -> (i32, i32) {
    // (season index, year offset of the season's "year" relative to the month's year)
    match m {
        3..=5 => (0, 0),
        6..=8 => (1, 0),
        9..=11 => (2, 0),
        12 => (3, 0),
        _ => (3, -1),
    }
}

/// The `n`-th (1-based) weekday `wd` of a month, or the last one when `n == 0`.
fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<CivilDate> {
    if n == 0 {
        let last = ymd(y, m, days_in_month(y, m))?;
        let back = (last.weekday() + 7 - wd) % 7;
        return Some(last.add_days(-i64::from(back)));
    }
    let first = ymd(y, m, 1)?;
    let fwd = (wd + 7 - first.weekday()) % 7;
    let d = first.add_days(i64::from(fwd) + 7 * i64::from(n - 1));
    (d.month == m).then_some(d)
}

/// Easter Sunday (Gregorian computus).
fn easter(y: i32) -> Option<CivilDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

fn holiday_date(h: Holiday, eve: bool, y: i32) -> Option<CivilDate> {
    let d = match h {
        Holiday::Christmas => ymd(y, 12, 25),
        Holiday::Thanksgiving => nth_weekday(y, 11, 3, 4),
        Holiday::Halloween => ymd(y, 10, 31),
        Holiday::Easter => easter(y),
        Holiday::Election => nth_weekday(y, 11, 0, 1).map(|d| d.add_days(1)),
        Holiday::Independence => ymd(y, 7, 4),
        Holiday::Labor => nth_weekday(y, 9, 0, 1),
        Holiday::Memorial => nth_weekday(y, 5, 0, 0),
        Holiday::Valentine => ymd(y, 2, 14),
    }?;
    Some(if eve { d.add_days(-1) } else { d })
}

// ---------------------------------------------------------------------------------------------
// The tagger
// ---------------------------------------------------------------------------------------------

struct Tagger<'a> {
    text: &'a str,
    tokens: &'a [Token],
    anchor: Option<CivilDate>,
    /// The last explicit year seen (for resolving year-less dates without an anchor).
    last_year: Option<i32>,
    /// The last quarter mentioned (for "a year earlier" in earnings reports).
    last_quarter: Option<(i32, u32)>,
    /// Token index where the last quarter was mentioned.
    last_quarter_at: usize,
    /// The year of the last explicit (not anchor-relative) date.
    last_explicit_year: Option<i32>,
    /// Token index of the last mention with a four-digit year.
    year_written_at: Option<usize>,
    /// The last explicit day mentioned.
    last_explicit_day: Option<CivilDate>,
    /// The month of the last explicit day or month ("In March ... The following month").
    last_explicit_month: Option<(i32, u32)>,
    /// The last day-level value of any kind, weekdays included (for "that day").
    last_any_day: Option<CivilDate>,
    /// The last "Month Day" mention and the token after it ("April 24 and 25").
    last_day: Option<(CivilDate, usize)>,

    out: Vec<DateMention>,
}

/// Capitalized abbreviations that take a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "maj",
    "adm", "cmdr", "rev", "prof", "pres", "sec", "jr", "sr", "mt", "ft", "ave", "inc", "co",
    "corp", "ltd", "bros", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "dist",
];

/// How many tokens a written-out year stays the reference for "that year".
const YEAR_REACH: usize = 15;

/// How many tokens a quarter mention stays the reference for "a year earlier".
const QUARTER_REACH: usize = 60;

/// A match: index one past its last token, and its value.
type Found = Option<(usize, Value)>;

impl<'a> Tagger<'a> {
    fn run(&mut self) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let t = self.tokens[i];
            let cand = match t.kind {
                TokenKind::Number => true,
                TokenKind::Word => t.keyword != Keyword::None,
                TokenKind::Punctuation | TokenKind::Other => self.is_punct(i, b'\''),
            };
            if cand {
                if let Some((j, v)) = self.at(i) {
                    let j = j.min(n);
                    if j > i {
                        if self.last_quarter.is_some() && i > self.last_quarter_at + QUARTER_REACH {
                            self.last_quarter = None;
                        }
                        if matches!(v, Value::Quarter(..)) {
                            self.last_quarter_at = i;
                        }
                        self.note(&v);
                        let has_year = self.tokens[i..j]
                            .iter()
                            .any(|t| t.kind == TokenKind::Number && t.digits == 4);
                        let explicit =
                            matches!(self.tokens[i].keyword, Keyword::Month(_)) || has_year;
                        // A year written out stays the reference for a while: "April 1989,
                        // then May and June of that year" (the inferred years of "May" and
                        // "June" do not replace it).
                        let keep_year =
                            !has_year && self.year_written_at.is_some_and(|k| i < k + YEAR_REACH);
                        let prev_year = self.last_explicit_year;
                        if has_year {
                            self.year_written_at = Some(i);
                        }
                        if explicit {
                            match v {
                                Value::Day(d) | Value::DayTime(d, _) => {
                                    self.last_explicit_year = Some(d.year);
                                    self.last_explicit_day = Some(d);
                                    self.last_explicit_month = Some((d.year, d.month));
                                }
                                Value::Month(y, m) => {
                                    self.last_explicit_year = Some(y);
                                    self.last_explicit_day = None;
                                    self.last_explicit_month = Some((y, m));
                                }
                                Value::Year(y) | Value::Season(y, _) => {
                                    self.last_explicit_year = Some(y);
                                    self.last_explicit_day = None;
                                    self.last_explicit_month = None;
                                }
                                _ => {}
                            }
                        }
                        if let Value::Day(d) | Value::DayTime(d, _) = v {
                            self.last_any_day = Some(d);
                        }
                        if let Value::Month(y, m) = v {
                            // "last month ... the previous month"
                            self.last_explicit_month = Some((y, m));
                        }
                        if keep_year {
                            self.last_explicit_year = prev_year;
                        }
                        self.last_day = match v {
                            Value::Day(d)
                                if matches!(self.tokens[i].keyword, Keyword::Month(_)) =>
                            {
                                Some((d, j))
                            }
                            _ => None,
                        };
                        let value = v.render();
                        let (s, e) = self.trim_span(i, j);
                        self.out.push(DateMention {
                            start: self.tokens[s].start as usize,
                            end: self.tokens[e - 1].end as usize,
                            value,
                        });
                        i = j;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Drop a leading "the" and trailing punctuation from a span.
    fn trim_span(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        while e > s + 1 && self.tokens[e - 1].kind == TokenKind::Punctuation {
            // Keep the dot of an abbreviation ("Sept.", "p.m.").
            let p = self.tokens[e - 2];
            if self.byte(e - 1) == b'.'
                && p.kind == TokenKind::Word
                && (p.end - p.start <= 4 && !matches!(p.keyword, Keyword::Month(5..=7))
                    || p.end - p.start == 1)
            {
                break;
            }
            e -= 1;
        }
        if e > s + 1 && self.tokens[s].keyword == Keyword::The {
            s += 1;
        }
        (s, e)
    }

    fn note(&mut self, v: &Value) {
        if let Value::Quarter(y, q) = *v {
            // Results are reported for quarters already over; the current or a later quarter
            // (a forecast, or a fiscal quarter) is no reference for "the latest quarter".
            let future = self
                .anchor
                .is_some_and(|a| (y, q) >= (a.year, quarter_of(a.month)));
            if !future {
                self.last_quarter = Some((y, q));
            }
        }
        if self.anchor.is_none() {
            match *v {
                Value::Year(y) | Value::Month(y, _) | Value::Season(y, _) => {
                    self.last_year = Some(y)
                }
                Value::Day(d) | Value::DayTime(d, _) => self.last_year = Some(d.year),
                _ => {}
            }
        }
    }

    // --- token helpers -------------------------------------------------------------------

    fn keyword(&self, i: usize) -> Keyword {
        self.tokens.get(i).map_or(Keyword::None, |t| t.keyword)
    }

    fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes()[self.tokens[i].start as usize]
    }

    /// Token `i` is the ASCII mark `c`; for `'` also a typographic apostrophe.
    fn is_punct(&self, i: usize, c: u8) -> bool {
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Punctuation => {
                self.text.as_bytes()[t.start as usize] == c
            }
            Some(t) if t.kind == TokenKind::Other && c == b'\'' => {
                matches!(
                    &self.text[t.start as usize..t.end as usize],
                    "\u{2019}" | "\u{2018}"
                )
            }
            _ => false,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && self.word(i).eq_ignore_ascii_case(w))
    }

    fn number(&self, i: usize) -> Option<(u32, u8)> {
        self.tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| (t.number, t.digits))
    }

    /// Token `i` directly follows token `i - 1` without space.
    fn tight(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space)
    }

    /// Skip an optional "." right after an abbreviation.
    fn skip_dot(&self, i: usize) -> usize {
        if self.is_punct(i, b'.') && self.tight(i) {
            i + 1
        } else {
            i
        }
    }

    /// A small cardinal: a number token or a number word ("two", "twenty-five", "a").
    fn cardinal(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tokens.get(i)?;
        match t.keyword {
            Keyword::NumberWord(v) if v < 100 => {
                if v >= 20 && self.is_punct(i + 1, b'-') {
                    if let Keyword::NumberWord(u) = self.keyword(i + 2) {
                        if u < 10 {
                            return Some((i + 3, v + u));
                        }
                    }
                }
                Some((i + 1, v))
            }
            Keyword::A => Some((i + 1, 1)),
            _ if t.kind == TokenKind::Number && t.digits <= 3 && !self.is_punct(i + 1, b',') => {
                Some((i + 1, t.number))
            }
            _ => None,
        }
    }

    /// A four-digit year at `i` (with sanity checks against money, counts and codes).
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Number || t.digits != 4 || !(1000..=2099).contains(&t.number) {
            return None;
        }
        if i > 0 {
            let p = self.tokens[i - 1];
            let after_mid = p.kind == TokenKind::Punctuation
                && self.byte(i - 1) == b'-'
                && i > 1
                && (matches!(
                    self.keyword(i - 2),
                    Keyword::Mid | Keyword::Early | Keyword::Late
                ) || self.is_word(i - 2, "pre")
                    || self.is_word(i - 2, "post"));
            if !t.space
                && !after_mid
                && (p.kind == TokenKind::Number
                    || p.kind == TokenKind::Word
                    || matches!(
                        self.byte(i - 1),
                        b'$' | b'#' | b'.' | b',' | b'-' | b'/' | b':'
                    ))
            {
                return None;
            }
            if p.kind == TokenKind::Punctuation && matches!(self.byte(i - 1), b'$' | b'#') {
                return None;
            }
            if p.kind == TokenKind::Other && !t.space {
                return None;
            }
        }
        if let Some(nx) = self.tokens.get(i + 1) {
            if !nx.space {
                if nx.kind == TokenKind::Number || nx.kind == TokenKind::Word {
                    return None;
                }
                if nx.kind == TokenKind::Punctuation
                    && matches!(self.byte(i + 1), b'%' | b':' | b'/')
                    || (matches!(self.byte(i + 1), b',' | b'.')
                        && self
                            .tokens
                            .get(i + 2)
                            .is_some_and(|n2| !n2.space && n2.kind == TokenKind::Number))
                {
                    return None;
                }
            }
        }
        if (i + 1 < self.tokens.len())
            && (self.is_unit_noun(i + 1) || self.keyword(i + 1) == Keyword::TimeZone)
        {
            return None;
        }
        if self.is_word(i + 1, "hrs") || self.is_word(i + 1, "hours") || self.is_word(i + 1, "GMT")
        {
            return None;
        }
        Some(t.number as i32)
    }

    /// Words after a number that show it is a count, not a year.
    fn is_unit_noun(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = self.word(i);
        let l = w.len();
        if l < 3 {
            return false;
        }
        matches!(
            Lower::new(w).as_str(),
            "people"
                | "persons"
                | "troops"
                | "soldiers"
                | "workers"
                | "employees"
                | "jobs"
                | "shares"
                | "units"
                | "cars"
                | "homes"
                | "houses"
                | "votes"
                | "points"
                | "miles"
                | "meters"
                | "metres"
                | "feet"
                | "tons"
                | "tonnes"
                | "barrels"
                | "acres"
                | "members"
                | "students"
                | "children"
                | "cases"
                | "deaths"
                | "dead"
                | "km"
                | "kilometers"
                | "kilometres"
                | "calories"
                | "hours"
                | "minutes"
                | "residents"
                | "patients"
                | "officers"
                | "police"
                | "copies"
                | "rooms"
                | "beds"
                | "pages"
                | "words"
                | "delegates"
                | "seats"
                | "companies"
                | "stores"
                | "percent"
        )
    }

    // --- resolution ----------------------------------------------------------------------

    /// The year for a year-less month/day, from the anchor and tense, or the last explicit year.
    fn year_for(&self, m: u32, d: Option<u32>, tense: Tense) -> Option<i32> {
        match self.anchor {
            Some(a) => {
                let ya = a.year;
                let key = |mm: u32, dd: u32| mm * 32 + dd;
                let here = key(a.month, a.day);
                let dd = d.unwrap_or(0);
                Some(match tense {
                    Tense::Past => {
                        let cmp = if d.is_some() {
                            key(m, dd) <= here
                        } else {
                            m <= a.month
                        };
                        if cmp {
                            ya
                        } else {
                            ya - 1
                        }
                    }
                    Tense::Future => {
                        let cmp = if d.is_some() {
                            key(m, dd) >= here
                        } else {
                            m >= a.month
                        };
                        if cmp {
                            ya
                        } else {
                            ya + 1
                        }
                    }
                    Tense::Unknown => {
                        // Nearest occurrence, measured in months.
                        let diff = m as i32 - a.month as i32;
                        // News looks back more often than ahead. A twelve-month window:
                        // days seven months back and four ahead; a month alone six back and
                        // five ahead (coming elections, delivery months, deadlines).
                        let (ahead, back) = if d.is_some() { (4, 7) } else { (5, 6) };
                        if diff > ahead {
                            ya - 1
                        } else if diff < -back {
                            ya + 1
                        } else {
                            ya
                        }
                    }
                })
            }
            None => self.last_year,
        }
    }

    fn day_val(&self, y: Option<i32>, m: u32, d: u32) -> Value {
        match y {
            Some(y) => match ymd(y, m, d) {
                Some(c) => Value::Day(c),
                None => Value::Raw(format!("{y:04}-{m:02}-{d:02}")),
            },
            None => Value::Raw(format!("XXXX-{m:02}-{d:02}")),
        }
    }

    fn month_val(&self, y: Option<i32>, m: u32) -> Value {
        match y {
            Some(y) => Value::Month(y, m),
            None => Value::Raw(format!("XXXX-{m:02}")),
        }
    }

    /// Tense of the clause around tokens `i..j`: the nearest verb-like cue wins.
    /// Tense from a strong cue right before a day ("ended March 31", "since Jan. 5").
    fn tense_left(&self, i: usize) -> Tense {
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

    fn tense(&self, i: usize, j: usize) -> Tense {
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
    fn will_left(&self, mut k: usize, win: usize) -> bool {
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
    fn infinitive_before(&self, i: usize) -> bool {
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

    /// A closing quotation mark: the quoted speech ends there (its reporting verb follows);
    /// or an opening one after "said:" or a comma, where a new utterance starts. A straight
    /// quote closes when no space precedes it.
    fn is_quote(&self, k: usize) -> bool {
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
    fn only_particles(&self, a: usize, b: usize) -> bool {
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
    fn pronoun_break(&self, k: usize) -> bool {
        self.tokens[k].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(k)).as_str(),
                "it" | "he" | "she" | "they" | "we" | "i" | "that"
            )
    }

    /// A comma opening a new clause: ", but ...", ", which ...". The verb after it belongs
    /// to another clause and says nothing about a date before it.
    fn conj_break(&self, k: usize) -> bool {
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

    fn is_boundary(&self, k: usize) -> bool {
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

    /// A reporting verb whose own adjuncts follow it: "told CNN on Monday", "said in a
    /// statement Sunday"; not "said the meeting in May would ..." (a complement clause).
    fn reporting_frame(&self, k: usize) -> bool {
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
    fn is_schedule_verb(&self, k: usize) -> bool {
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
    fn is_reporting_past(&self, k: usize) -> bool {
        self.tokens[k].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(k)).as_str(),
                "said" | "told" | "reported" | "announced" | "says"
            )
    }

    fn tense_cue(&self, k: usize) -> Option<Tense> {
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

    // --- matching ------------------------------------------------------------------------

    /// Try to match an expression starting at token `i`.
    fn at(&self, i: usize) -> Found {
        let t = *self.tokens.get(i)?;
        match t.kind {
            TokenKind::Number => self.at_number(i),
            TokenKind::Punctuation | TokenKind::Other => self.at_apostrophe_decade(i),
            TokenKind::Word => self.at_word(i),
        }
    }

    /// A capitalized day word inside a name: "Sunday Telegraph", "Radio 4's Today programme".
    fn is_title_part(&self, i: usize) -> bool {
        let Some(n) = self.tokens.get(i + 1) else {
            return false;
        };
        if n.kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(i + 1)).as_str(),
                "programme"
                    | "program"
                    | "show"
                    | "newspaper"
                    | "edition"
                    | "times"
                    | "telegraph"
                    | "mirror"
                    | "express"
                    | "herald"
                    | "post"
                    | "people"
                    | "sport"
                    | "mail"
                    | "independent"
                    | "tribune"
                    | "star"
                    | "observer"
                    | "journal"
                    | "live"
            )
        {
            return true;
        }
        if i >= 2 && self.is_word(i - 1, "s") && self.is_punct(i - 2, b'\'') {
            // "BBC's Today"
            return self.keyword(i) == Keyword::Today && self.tokens[i].capitalized;
        }
        if self.keyword(i) == Keyword::Today && self.tokens[i].capitalized && i > 0 {
            // "VOA Today", "USA Today"
            let p = self.tokens[i - 1];
            return p.kind == TokenKind::Word && p.capitalized;
        }
        false
    }

    fn at_apostrophe_decade(&self, i: usize) -> Found {
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

    /// Century for a two-digit year: the anchor's (or 19/20 split).
    fn century_guess(&self, yy: u32) -> i32 {
        match self.anchor {
            Some(a) => {
                let c = a.year / 100;
                if (yy as i32) > a.year % 100 + 10 {
                    c - 1
                } else {
                    c
                }
            }
            None => {
                if yy > 30 {
                    19
                } else {
                    20
                }
            }
        }
    }

    fn at_number(&self, i: usize) -> Found {
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
    fn plain_year_ok(&self, i: usize) -> bool {
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

    /// "at noon", "by midday", "noon Saturday", "by mid-afternoon", "midmorning": a time of
    /// the reference day. Only after a time preposition (or with a day word following), so
    /// "the noon news" or "the middle ground" stay untagged.
    fn at_noon(&self, i: usize) -> Found {
        let (part, j) = match Lower::new(self.word(i)).as_str() {
            "noon" | "midday" => ("12:00", i + 1),
            "midmorning" => ("MO", i + 1),
            "midafternoon" => ("AF", i + 1),
            _ => {
                // "mid afternoon", "mid-morning"
                let mut k = i + 1;
                if self.is_punct(k, b'-') && self.tight(k) && self.tight(k + 1) {
                    k += 1;
                }
                match self.keyword(k) {
                    Keyword::PartOfDay(p @ ("MO" | "AF")) => (p, k + 1),
                    _ => return None,
                }
            }
        };
        // "noon Saturday", "noon today"
        if matches!(
            self.keyword(j),
            Keyword::Weekday(_) | Keyword::Today | Keyword::Yesterday | Keyword::Tomorrow
        ) {
            if let Some((e, Value::Day(d))) = self.at_word(j) {
                return Some((e, Value::DayTime(d, part.to_string())));
            }
        }
        let prep = i > 0
            && self.tokens[i - 1].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(i - 1)).as_str(),
                "at" | "by" | "around" | "until" | "till" | "before" | "after" | "since"
            );
        if !prep {
            return None;
        }
        // "at noon on Jan. 20": that day.
        if self.is_word(j, "on") {
            return match self.at(j + 1) {
                Some((e, Value::Day(d))) => Some((e, Value::DayTime(d, part.to_string()))),
                _ => None,
            };
        }
        // Otherwise the day under discussion: the last day named, else the anchor.
        let d = self.last_any_day.or(self.anchor)?;
        Some((j, Value::DayTime(d, part.to_string())))
    }

    /// "today's world", "tomorrow's leaders", "the cars of tomorrow": the present or future
    /// in general, not a day (annotators leave these unmarked).
    fn generic_day(&self, i: usize) -> bool {
        const GENERIC: &[&str] = &[
            "world",
            "society",
            "youth",
            "young",
            "generation",
            "generations",
            "children",
            "kids",
            "teenagers",
            "people",
            "culture",
            "economy",
            "standards",
            "technology",
            "computers",
            "consumers",
            "families",
            "parents",
            "students",
            "workers",
            "leaders",
            "women",
            "men",
            "americans",
            "politics",
        ];
        let generic = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Word)
                && GENERIC.contains(&Lower::new(self.word(k)).as_str())
        };
        if self.is_punct(i + 1, b'\'') && self.is_word(i + 2, "s") {
            // The noun, or one modifier and the noun: "today's personal computers".
            return generic(i + 3) || generic(i + 4);
        }
        // "the world of tomorrow"; "of today" is left alone ("the results of today's vote").
        self.keyword(i) == Keyword::Tomorrow
            && i > 1
            && self.is_word(i - 1, "of")
            && self.tokens[i - 2].kind == TokenKind::Word
    }

    /// Digits of a clock "10:30[:00]" at `i`; returns the index after.
    fn skip_clock_digits(&self, i: usize) -> Option<usize> {
        let (_, nd) = self.number(i)?;
        if nd > 2 || !self.is_punct(i + 1, b':') || !self.tight(i + 1) || !self.tight(i + 2) {
            return None;
        }
        let (_, nd2) = self.number(i + 2)?;
        if nd2 != 2 {
            return None;
        }
        let mut j = i + 3;
        if self.is_punct(j, b':') && self.tight(j) && self.number(j + 1).is_some() {
            j += 2;
        }
        Some(j)
    }

    /// "10 p.m.", "10:30 a.m.", "10:30 pm" [EST] [day reference]. Returns a DayTime value.
    fn clock(&self, i: usize) -> Found {
        let (h, _) = self.number(i)?;
        if i > 0 && self.tight(i) && self.is_punct(i - 1, b':') {
            // The middle of "11:06:35".
            return None;
        }
        let mut minute = 0;
        let mut j = i + 1;
        let mut has_colon = false;
        if self.is_punct(j, b':') && self.tight(j) && self.tight(j + 1) {
            let (mm, mn) = self.number(j + 1)?;
            if mn != 2 || mm > 59 {
                return None;
            }
            minute = mm;
            has_colon = true;
            j += 2;
            // Seconds.
            if self.is_punct(j, b':')
                && self.tight(j)
                && self.number(j + 1).is_some_and(|n| n.1 == 2)
            {
                j += 2;
            }
        }
        let mut hour = h;
        let mut has_ampm = false;
        // a.m. / p.m. / am / pm
        if self.is_word(j, "a") || self.is_word(j, "p") {
            if self.is_punct(j + 1, b'.') && self.is_word(j + 2, "m") {
                let pm = self.is_word(j, "p");
                has_ampm = true;
                j += 3;
                if self.is_punct(j, b'.') && self.tight(j) {
                    j += 1;
                }
                if pm && hour < 12 {
                    hour += 12;
                } else if !pm && hour == 12 {
                    hour = 0;
                }
            }
        } else if matches!(self.keyword(j), Keyword::Am | Keyword::Pm) {
            let pm = self.keyword(j) == Keyword::Pm;
            has_ampm = true;
            j += 1;
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
        }
        if !has_ampm && !has_colon {
            return None;
        }
        if hour > 24 || (!has_ampm && h > 23) {
            return None;
        }
        if self.keyword(j) == Keyword::TimeZone {
            j += 1;
        }
        let time = format!("{hour:02}:{minute:02}");
        // Optional day reference after it.
        let mut k = j;
        if self.is_punct(k, b')') {
            k += 1;
        }
        if self.is_punct(k, b'(') {
            // "10:35 a.m. (0735 GMT) Friday"
            if let Some(close) =
                (k + 1..(k + 6).min(self.tokens.len())).find(|&x| self.is_punct(x, b')'))
            {
                if self.day_ref(close + 1).is_some() {
                    k = close + 1;
                }
            }
        }
        if self.is_punct(k, b',') {
            k += 1;
        }
        if self.is_word(k, "on") {
            k += 1;
        }
        if let Some((e, v)) = self.day_ref(k) {
            let v = match v {
                Value::Day(d) => Value::DayTime(d, time),
                Value::DayTime(d, _) => Value::DayTime(d, time),
                other => other,
            };
            return Some((e, v));
        }
        if !has_ampm {
            // Bare "10:30" is too ambiguous (scores, ratios).
            return None;
        }
        Some((
            j,
            match self.anchor {
                Some(a) => Value::DayTime(a, time),
                None => Value::Raw(format!("XXXX-XX-XXT{time}")),
            },
        ))
    }

    /// A day-level reference at `k`: weekday, today/yesterday/tomorrow, or Month Day.
    fn day_ref(&self, k: usize) -> Found {
        match self.keyword(k) {
            Keyword::Weekday(_)
            | Keyword::Today
            | Keyword::Yesterday
            | Keyword::Tomorrow
            | Keyword::Tonight => self.at_word(k),
            Keyword::Month(_) => {
                let f = self.at_word(k)?;
                matches!(f.1, Value::Day(_) | Value::Raw(_)).then_some(f)
            }
            _ => None,
        }
    }

    /// "third quarter", "third-quarter", "fourth quarter" at `j`: (quarter, index after).
    fn quarter_words(&self, j: usize) -> Option<(u32, usize)> {
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

    /// Accept a capitalized month word only where it reads as a month ("May" and "March" are
    /// ordinary words too).
    fn month_word_ok(&self, j: usize) -> bool {
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

    fn at_word(&self, i: usize) -> Found {
        let kw = self.tokens.get(i)?.keyword;
        match kw {
            Keyword::Month(m) => self.at_month(i, m),
            Keyword::Weekday(wd) => self.at_weekday(i, wd),
            Keyword::Today if self.tokens[i].capitalized && i > 0 && self.is_title_part(i) => None,
            Keyword::Today | Keyword::Tomorrow if self.generic_day(i) => None,
            Keyword::Noon => self.at_noon(i),
            Keyword::Mid if self.at_noon(i).is_some() => self.at_noon(i),
            Keyword::Today => {
                let a = self.anchor;
                let mut j = i + 1;
                // "today's" is still today.
                if let Some(Keyword::PartOfDay(p)) = Some(self.keyword(j)) {
                    if let Some(a) = a {
                        return Some((j + 1, Value::DayTime(a, p.to_string())));
                    }
                }
                if self.is_punct(j, b'\'') && self.is_word(j + 1, "s") {
                    j += 2;
                }
                Some((j, a.map_or(Value::Raw("XXXX-XX-XX".into()), Value::Day)))
            }
            Keyword::Yesterday | Keyword::Tomorrow | Keyword::Tonight => {
                let off = match kw {
                    Keyword::Yesterday => -1,
                    Keyword::Tomorrow => 1,
                    _ => 0,
                };
                let mut j = i + 1;
                let mut part = if kw == Keyword::Tonight {
                    Some("NI")
                } else {
                    None
                };
                if let Keyword::PartOfDay(p) = self.keyword(j) {
                    part = Some(p);
                    j += 1;
                }
                Some((
                    j,
                    match (self.anchor, part) {
                        (Some(a), Some(p)) => Value::DayTime(a.add_days(off), p.to_string()),
                        (Some(a), None) => Value::Day(a.add_days(off)),
                        (None, _) => Value::Raw("XXXX-XX-XX".into()),
                    },
                ))
            }
            Keyword::Now | Keyword::Currently | Keyword::Nowadays => {
                if kw == Keyword::Now && self.is_punct(i + 1, b'-') {
                    return None;
                }
                Some((i + 1, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::Current
                if self.is_word(i + 1, "account") || self.is_word(i + 1, "accounts") =>
            {
                None
            }
            Keyword::Current => {
                // "the current fiscal year"/"current quarter".
                if let Some(f) = self.relative_unit(i, 0) {
                    return Some(f);
                }
                if i > 0 && self.is_word(i - 1, "then") {
                    return Some((i + 1, Value::Raw("PAST_REF".into())));
                }
                Some((i + 1, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::Recently => Some((i + 1, Value::Raw("PAST_REF".into()))),
            Keyword::Recent => {
                // "recent years/days/months/weeks"
                if let Keyword::Unit(_, true) = self.keyword(i + 1) {
                    return Some((i + 2, Value::Raw("PAST_REF".into())));
                }
                None
            }
            Keyword::Soon | Keyword::Previously => None,
            Keyword::Future => {
                // "future quarters/years"
                if let Keyword::Unit(_, true) = self.keyword(i + 1) {
                    return Some((i + 2, Value::Raw("FUTURE_REF".into())));
                }
                None
            }
            Keyword::The => self.at_the(i),
            Keyword::That => {
                // Anaphora: "that year", "that (same) day", "that month", "that week" refer to
                // the date last named; without one there is nothing to resolve.
                let j = if self.keyword(i + 1) == Keyword::Same {
                    i + 2
                } else {
                    i + 1
                };
                match self.keyword(j) {
                    Keyword::Unit(Unit::Year, false) => {
                        self.last_explicit_year.map(|y| (j + 1, Value::Year(y)))
                    }
                    Keyword::Day => self.last_any_day.map(|d| (j + 1, Value::Day(d))),
                    Keyword::Unit(Unit::Month, false) => self
                        .last_explicit_month
                        .map(|(y, m)| (j + 1, Value::Month(y, m))),
                    Keyword::Unit(Unit::Week, false) => {
                        self.last_any_day.map(|d| (j + 1, week_of(d)))
                    }
                    Keyword::Unit(Unit::Quarter, false) => self
                        .last_quarter
                        .map(|(y, q)| (j + 1, Value::Quarter(y, q))),
                    _ => None,
                }
            }
            Keyword::These if self.is_word(i + 1, "days") => {
                Some((i + 2, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::This
            | Keyword::Last
            | Keyword::Next
            | Keyword::Coming
            | Keyword::Past
            | Keyword::Previous => self.at_deictic(i),
            Keyword::Earlier | Keyword::Later => {
                // "earlier this month", "later this year", "earlier Sunday"
                let j = i + 1;
                match self.keyword(j) {
                    Keyword::This
                    | Keyword::Last
                    | Keyword::Next
                    | Keyword::Today
                    | Keyword::Yesterday
                    | Keyword::Weekday(_)
                    | Keyword::That => self.at_word(j),
                    Keyword::Month(_) => {
                        let f = self.at_word(j)?;
                        Some(f)
                    }
                    _ => None,
                }
            }
            Keyword::Early | Keyword::Late | Keyword::Mid | Keyword::End | Keyword::Beginning => {
                self.at_modifier(i)
            }
            Keyword::NumberWord(_) | Keyword::A | Keyword::Few => self.at_ago(i),
            Keyword::Season(s) => self.at_season(i, s, None),
            Keyword::Ordinal(_) | Keyword::Fiscal => {
                if let Some((q, k)) = self.quarter_words(i) {
                    return Some(self.finish_quarter(q, k));
                }
                if let Keyword::Ordinal(c) = self.keyword(i) {
                    if self.keyword(i + 1) == Keyword::Unit(Unit::Century, false) && c >= 1 {
                        return Some((i + 2, Value::Century(c as i32 - 1)));
                    }
                }
                if self.keyword(i) == Keyword::Fiscal {
                    if let Some(y) = self.year_at(i + 1) {
                        return Some((i + 2, Value::Year(y)));
                    }
                }
                None
            }
            Keyword::Holiday(h) => self.at_holiday(i, h),
            Keyword::New => {
                // New Year's Day / New Year's Eve
                if self.is_word(i + 1, "Year") && self.tokens[i].capitalized {
                    let mut j = i + 2;
                    if self.is_punct(j, b'\'') && self.is_word(j + 1, "s") {
                        j += 2;
                    } else if self.is_punct(j, b'\'') {
                        j += 1;
                    }
                    let eve = self.keyword(j) == Keyword::Eve;
                    if !(self.keyword(j) == Keyword::Day || eve) {
                        return None;
                    }
                    let (m, d) = if eve { (12, 31) } else { (1, 1) };
                    let (e, y) = self.holiday_year(i, j + 1, m, d);
                    return Some((e, self.day_val(y, m, d)));
                }
                None
            }
            Keyword::QuarterPrefix => {
                // Q3, Q3 2020
                let (q, nd) = self.number(i + 1)?;
                if !self.tokens[i].capitalized
                    || nd != 1
                    || !(1..=4).contains(&q)
                    || !self.tight(i + 1)
                {
                    return None;
                }
                if let Some(y) = self.year_at(i + 2) {
                    return Some((i + 3, Value::Quarter(y, q)));
                }
                Some(self.finish_quarter(q, i + 2))
            }
            Keyword::HalfPrefix => {
                // H1 2021
                let (h, nd) = self.number(i + 1)?;
                if !self.tokens[i].capitalized
                    || nd != 1
                    || !(1..=2).contains(&h)
                    || !self.tight(i + 1)
                {
                    return None;
                }
                let y = self.year_at(i + 2)?;
                Some((i + 3, Value::Half(y, h)))
            }
            Keyword::FiscalYearPrefix => {
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
            Keyword::Unit(Unit::Year, false)
                if self.is_word(i + 1, "end")
                    || (self.is_punct(i + 1, b'-') && self.is_word(i + 2, "end"))
                    || (self.is_punct(i + 1, b'\'')
                        && self.is_word(i + 2, "s")
                        && self.is_word(i + 3, "end")) =>
            {
                let a = self.anchor?;
                let e = if self.is_word(i + 1, "end") {
                    i + 2
                } else if self.is_word(i + 2, "end") {
                    i + 3
                } else {
                    i + 4
                };
                Some((e, Value::Year(a.year)))
            }
            Keyword::Unit(Unit::Year, false) if self.is_punct(i + 1, b'-') => {
                // year-ago / year-earlier / year-end
                if matches!(self.keyword(i + 2), Keyword::Ago | Keyword::Earlier) {
                    let mut j = i + 3;
                    if let Some((q, k)) = self.quarter_words(j) {
                        let y = self
                            .last_quarter
                            .map(|x| x.0)
                            .or_else(|| self.anchor.map(|a| a.year))?;
                        return Some((k, Value::QuarterAgo(y - 1, q)));
                    }
                    if self.keyword(j) == Keyword::Unit(Unit::Quarter, false)
                        || self.is_word(j, "period")
                    {
                        j += 1;
                    }
                    return Some((j, self.year_ago_val(i)));
                }
                None
            }
            _ => None,
        }
    }

    /// Value for "a year ago"/"a year earlier"/"year-ago": the last quarter a year back in
    /// earnings context, else the previous year.
    fn year_ago_val(&self, _i: usize) -> Value {
        if let Some((y, q)) = self.last_quarter {
            return Value::QuarterAgo(y - 1, q);
        }
        match self.anchor {
            Some(a) => Value::Year(a.year - 1),
            None => Value::Raw("XXXX".into()),
        }
    }

    fn at_month(&self, i: usize, m: u32) -> Found {
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
                if let (Some(a), Keyword::This | Keyword::Last | Keyword::Next) =
                    (self.anchor, self.keyword(k))
                {
                    if self.keyword(k + 1) == Keyword::Unit(Unit::Year, false) {
                        let y = match self.keyword(k) {
                            Keyword::Last => a.year - 1,
                            Keyword::Next => a.year + 1,
                            _ => a.year,
                        };
                        return Some((k + 2, self.day_val(Some(y), m, d)));
                    }
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
        if matches!(
            self.keyword(k),
            Keyword::This | Keyword::Last | Keyword::Next
        ) && self.keyword(k + 1) == Keyword::Unit(Unit::Year, false)
        {
            if let Some(a) = self.anchor {
                let y = match self.keyword(k) {
                    Keyword::Last => a.year - 1,
                    Keyword::Next => a.year + 1,
                    _ => a.year,
                };
                return Some((k + 2, Value::Month(y, m)));
            }
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

    fn month_alone_ok(&self, i: usize, m: u32) -> bool {
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
        self.is_punct(j, b',') || (self.is_punct(j, b'\'') && self.is_word(j + 1, "s"))
    }

    fn at_weekday(&self, i: usize, wd: u32) -> Found {
        if !self.tokens[i].capitalized || self.is_title_part(i) {
            return None;
        }
        // "every Friday" is a set, not a date.
        if i > 0 && (self.is_word(i - 1, "every") || self.is_word(i - 1, "each")) {
            return None;
        }
        // Named days: "Good Friday", "Black Friday", "Cyber Monday"; "Super Tuesday" varies.
        if i > 0 && self.tokens[i - 1].capitalized {
            let named = |y: i32| -> Option<CivilDate> {
                match (self.word(i - 1), wd) {
                    ("Good", 4) => easter(y).map(|d| d.add_days(-2)),
                    ("Black", 4) => nth_weekday(y, 11, 3, 4).map(|d| d.add_days(1)),
                    ("Cyber", 0) => nth_weekday(y, 11, 3, 4).map(|d| d.add_days(4)),
                    _ => None,
                }
            };
            if self.is_word(i - 1, "Super") {
                return None;
            }
            if let Some(a) = self.anchor {
                let t = self.tense(i, i + 1);
                let cands = [a.year - 1, a.year, a.year + 1];
                let ad = a.days_since_epoch();
                let mut best: Option<(i64, CivilDate)> = None;
                for y in cands {
                    if let Some(d) = named(y) {
                        let diff = d.days_since_epoch() - ad;
                        let ok = match t {
                            Tense::Past => diff <= 0,
                            Tense::Future => diff >= 0,
                            Tense::Unknown => true,
                        };
                        if ok && best.is_none_or(|(bd, _)| diff.abs() < bd) {
                            best = Some((diff.abs(), d));
                        }
                    }
                }
                if let Some((_, d)) = best {
                    return Some((i + 1, Value::Day(d)));
                }
            } else if let Some(d) = self.last_year.and_then(named) {
                return Some((i + 1, Value::Day(d)));
            }
        }
        let mut j = i + 1;
        // Weekday, Month Day[, Year]
        let mut k = j;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if let Keyword::Month(_) = self.keyword(k) {
            if let Some((e, v)) = self.at_word(k) {
                if matches!(v, Value::Day(_)) || matches!(v, Value::Raw(ref s) if s.len() == 10) {
                    return Some((e, v));
                }
            }
        }
        // Weekday Day Month
        if let Some((_, nd)) = self.number(k) {
            if nd <= 2 {
                if let Some((e, v)) = self.at_number(k) {
                    if matches!(v, Value::Day(_)) {
                        return Some((e, v));
                    }
                }
            }
        }
        // "Friday's" – possessive
        let mut part = None;
        if let Keyword::PartOfDay(p) = self.keyword(j) {
            part = Some(p);
            j += 1;
        }
        let Some(a) = self.anchor else {
            let v = format!("XXXX-WXX-{}", wd + 1);
            return Some((j, Value::Raw(v)));
        };
        let possessive = self.is_punct(j, b'\'') && self.is_word(j + 1, "s");
        let mut tense = if possessive {
            Tense::Past
        } else {
            self.tense(i, j)
        };
        // "last Friday" / "next Friday" / "this Friday" modifiers are handled by callers.
        if i > 0 {
            match self.keyword(i - 1) {
                Keyword::Last | Keyword::Previous | Keyword::Past => tense = Tense::Past,
                Keyword::Next | Keyword::Coming => tense = Tense::Future,
                _ => {}
            }
        }
        let aw = a.weekday() as i64;
        let w = wd as i64;
        let back = (aw - w).rem_euclid(7);
        let fwd = (w - aw).rem_euclid(7);
        let d = match tense {
            Tense::Future => a.add_days(fwd),
            Tense::Past => a.add_days(-back),
            Tense::Unknown if fwd < back && fwd <= 1 => a.add_days(fwd),
            Tense::Unknown => a.add_days(-back),
        };
        let d = if i > 0 && self.keyword(i - 1) == Keyword::Next && fwd == 0 {
            d.add_days(7)
        } else if i > 0 && self.keyword(i - 1) == Keyword::Last && back == 0 {
            d.add_days(-7)
        } else {
            d
        };
        Some((
            j,
            match part {
                Some(p) => Value::DayTime(d, p.to_string()),
                None => Value::Day(d),
            },
        ))
    }

    /// "the ..." expressions.
    fn at_the(&self, i: usize) -> Found {
        let j = i + 1;
        // "the first half of 2021"
        let half_no = match self.keyword(j) {
            Keyword::Ordinal(h @ 1..=2) => Some(h),
            Keyword::Last
                if self.keyword(j + 2) == Keyword::Of && self.year_at(j + 3).is_some() =>
            {
                Some(2)
            }
            _ => None,
        };
        if let (Some(h), Keyword::Unit(Unit::Half, false)) = (half_no, self.keyword(j + 1)) {
            if self.keyword(j + 2) == Keyword::Of {
                if let Some(y) = self.year_at(j + 3) {
                    return Some((j + 4, Value::Half(y, h)));
                }
            }
            let a = self.anchor?;
            let y = if h == 2 && a.month <= 6 {
                a.year - 1
            } else {
                a.year
            };
            return Some((j + 2, Value::Half(y, h)));
        }
        // "the day before", "the next day"
        if self.keyword(j) == Keyword::Day
            && matches!(self.keyword(j + 1), Keyword::Before | Keyword::After)
        {
            let off = if self.keyword(j + 1) == Keyword::Before {
                -1
            } else {
                1
            };
            // "the day before last Tuesday's hearing": relative to that day.
            if let Some((e, Value::Day(d) | Value::DayTime(d, _))) = self.at(j + 2) {
                return Some((e, Value::Day(d.add_days(off))));
            }
            // Alone ("the day before, ..."): relative to the last date named.
            if self
                .tokens
                .get(j + 2)
                .is_none_or(|t| t.kind == TokenKind::Punctuation)
            {
                let base = self.last_explicit_day.or(self.anchor)?;
                return Some((j + 2, Value::Day(base.add_days(off))));
            }
            return None;
        }
        if matches!(
            self.keyword(j),
            Keyword::Next | Keyword::Following | Keyword::Previous
        ) && self.keyword(j + 1) == Keyword::Day
        {
            let base = self.last_explicit_day.or(self.anchor)?;
            let off = if self.keyword(j) == Keyword::Previous {
                -1
            } else {
                1
            };
            return Some((j + 2, Value::Day(base.add_days(off))));
        }
        if matches!(self.keyword(j), Keyword::Next | Keyword::Following) {
            if let Keyword::PartOfDay(p) = self.keyword(j + 1) {
                let base = self.last_explicit_day?;
                return Some((j + 2, Value::DayTime(base.add_days(1), p.to_string())));
            }
        }
        match self.keyword(j) {
            Keyword::Past => {
                if let Some(f) = self.at_deictic(j) {
                    return Some(f);
                }
                // "the past" alone
                let next = self.tokens.get(j + 1);
                let counted = matches!(
                    self.keyword(j + 1),
                    Keyword::Few
                        | Keyword::Unit(..)
                        | Keyword::Day
                        | Keyword::Weekday(_)
                        | Keyword::Month(_)
                        | Keyword::Season(_)
                ) || next.is_some_and(|t| {
                    t.kind == TokenKind::Number || (t.kind == TokenKind::Word && !t.space)
                }) || self.cardinal(j + 1).is_some()
                    || self.is_punct(j + 1, b'-');
                if !counted {
                    return Some((j + 1, Value::Raw("PAST_REF".into())));
                }
                None
            }
            Keyword::Future if self.keyword(j + 1) != Keyword::Of => {
                Some((j + 1, Value::Raw("FUTURE_REF".into())))
            }
            _ if (self.is_word(j, "near") || self.is_word(j, "short"))
                && (self.keyword(j + 1) == Keyword::Future || self.is_word(j + 1, "term")) =>
            {
                Some((j + 2, Value::Raw("FUTURE_REF".into())))
            }
            _ if self.is_word(j, "full")
                && self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) =>
            {
                let a = self.anchor?;
                Some((j + 2, Value::Year(a.year)))
            }
            Keyword::Unit(u, false) => self.the_unit(i, j, u),
            Keyword::Latest
            | Keyword::Current
            | Keyword::Same
            | Keyword::Previous
            | Keyword::Following
            | Keyword::Last
            | Keyword::Next
            | Keyword::Coming => {
                if let Some(f) = self.at_deictic(j) {
                    return Some(f);
                }
                if self.keyword(j) == Keyword::Latest && self.is_word(j + 1, "period") {
                    return self.the_unit(i, j + 1, Unit::Quarter);
                }
                if matches!(
                    self.keyword(j),
                    Keyword::Latest | Keyword::Current | Keyword::Same
                ) {
                    // "the latest quarter", "the same period"
                    let k = j + 1;
                    if let Some(f) = self
                        .the_unit(i, k, Unit::Quarter)
                        .filter(|_| self.keyword(k) == Keyword::Unit(Unit::Quarter, false))
                    {
                        return Some(f);
                    }
                }
                None
            }
            Keyword::Mid | Keyword::End | Keyword::Beginning | Keyword::Early | Keyword::Late => {
                self.at_modifier(j)
            }
            Keyword::Ordinal(_) | Keyword::Fiscal => {
                if let Some((q, k)) = self.quarter_words(j) {
                    return Some(self.finish_quarter(q, k));
                }
                if let Keyword::Ordinal(c) = self.keyword(j) {
                    if self.keyword(j + 1) == Keyword::Unit(Unit::Century, false) {
                        return Some((j + 2, Value::Century(c as i32 - 1)));
                    }
                }
                if self.keyword(j) == Keyword::Fiscal {
                    if let Some(y) = self.year_at(j + 1) {
                        return Some((j + 2, Value::Year(y)));
                    }
                    if self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) {
                        return self.the_unit(i, j + 1, Unit::Year);
                    }
                }
                None
            }
            Keyword::NumberWord(v) if v >= 20 && v % 10 == 0 && v < 100 => {
                // "the nineties"
                None
            }
            Keyword::Season(s) => self.at_season(j, s, None),
            Keyword::None => {
                // "the nineties", "the year-ago quarter", "the 1988 period"
                let w = *self.tokens.get(j)?;
                if let Some(y) = self.year_at(j) {
                    if self.keyword(j + 1) == Keyword::Unit(Unit::Quarter, false)
                        || self.is_word(j + 1, "period")
                    {
                        return Some((
                            j + 2,
                            match self.last_quarter {
                                Some((_, q)) => Value::QuarterAgo(y, q),
                                None => Value::Year(y),
                            },
                        ));
                    }
                }
                if w.kind == TokenKind::Word {
                    if let Some(dec) = decade_word(self.word(j)) {
                        let c = match self.anchor {
                            Some(a) if a.year >= 2000 && dec < 10 => a.year / 100,
                            _ => 19,
                        };
                        return Some((j + 1, Value::Decade(c * 10 + dec)));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// "the week", "the year", "the quarter", "the weekend", "the year-ago quarter".
    fn the_unit(&self, i: usize, j: usize, u: Unit) -> Found {
        if self.is_punct(j + 1, b'-') && u == Unit::Year {
            return self.at_word(j);
        }
        let a = self.anchor?;
        match u {
            Unit::Weekend => {
                // "the weekend's attacks": a weekend that has happened.
                let t = if self.is_punct(j + 1, b'\'') && self.is_word(j + 2, "s") {
                    Tense::Past
                } else {
                    self.tense(i, j + 1)
                };
                let aw = i64::from(a.weekday());
                let d = match t {
                    Tense::Future => a.add_days((5 - aw).rem_euclid(7)),
                    _ => {
                        if aw >= 5 {
                            a
                        } else {
                            a.add_days(-(aw + 2))
                        }
                    }
                };
                Some((j + 1, weekend_of(d)))
            }
            Unit::Quarter => {
                if self.is_punct(j + 1, b'-') {
                    // "quarter-to-quarter"
                    return None;
                }
                if self.keyword(j + 1) == Keyword::A
                    && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                    && matches!(self.keyword(j + 3), Keyword::Ago | Keyword::Earlier)
                {
                    // "the quarter a year ago"
                    return Some((j + 4, self.year_ago_val(j + 1)));
                }
                // "the quarter ended July 31": the calendar quarter holding most of the three
                // months up to that day, i.e. the quarter of the middle month. Once a quarter
                // was named ("the fiscal first quarter"), that label is kept instead.
                if self.last_quarter.is_none()
                    && self.keyword(j + 1) == Keyword::Ended
                    && matches!(self.keyword(j + 2), Keyword::Month(_))
                {
                    if let Some((_, Value::Day(d))) = self.at_word(j + 2) {
                        let (y, m) = month_shift(d.year, d.month, -1);
                        return Some((j + 1, Value::Quarter(y, quarter_of(m))));
                    }
                }
                let v = match self.last_quarter {
                    Some((y, q)) => Value::Quarter(y, q),
                    None => {
                        let (y, q) = quarter_shift(a.year, quarter_of(a.month), -1);
                        Value::Quarter(y, q)
                    }
                };
                Some((j + 1, v))
            }
            Unit::Year => {
                // "the year" alone: the anchor year (not "the year before"/"the year 2000").
                if let Some((e, y)) = self.spoken_year(j + 1) {
                    return Some((e, Value::Year(y)));
                }
                if let Some(y) = self.year_at(j + 1) {
                    return Some((j + 2, Value::Year(y)));
                }
                if matches!(
                    self.keyword(j + 1),
                    Keyword::Before | Keyword::After | Keyword::Earlier | Keyword::Ago
                ) {
                    let off = if self.keyword(j + 1) == Keyword::After {
                        1
                    } else {
                        -1
                    };
                    return Some((j + 2, Value::Year(a.year + off)));
                }
                Some((j + 1, Value::Year(a.year)))
            }
            Unit::Week => {
                if self.keyword(j + 1) == Keyword::Of {
                    if let Some((e, Value::Day(d))) = self.at_word(j + 2) {
                        return Some((e, week_of(d)));
                    }
                }
                if matches!(self.keyword(j + 1), Keyword::Before | Keyword::Earlier) {
                    return Some((j + 2, week_of(a.add_days(-7))));
                }
                Some((j + 1, week_of(a)))
            }
            Unit::Month => {
                if matches!(self.keyword(j + 1), Keyword::Before | Keyword::Earlier) {
                    let (y, m) = month_shift(a.year, a.month, -1);
                    return Some((j + 2, Value::Month(y, m)));
                }
                Some((j + 1, Value::Month(a.year, a.month)))
            }
            _ => None,
        }
    }

    /// this/last/next/past/coming/previous + unit, weekday, month or season.
    fn at_deictic(&self, i: usize) -> Found {
        let kw = self.keyword(i);
        let off = match kw {
            Keyword::This | Keyword::Current | Keyword::Latest | Keyword::Same => 0,
            Keyword::Last | Keyword::Past | Keyword::Previous => -1,
            Keyword::Next | Keyword::Coming | Keyword::Following => 1,
            _ => return None,
        };
        let j = i + 1;
        if kw == Keyword::This && self.keyword(j) == Keyword::Past {
            // "this past Sunday", "this past weekend"
            return self.at_deictic(j);
        }
        match self.keyword(j) {
            Keyword::Weekday(wd) if !matches!(kw, Keyword::Latest | Keyword::Same) => {
                // "this Friday": the tense decides (in at_weekday).
                self.at_weekday(j, wd)
            }
            Keyword::Month(m)
                if matches!(kw, Keyword::Last | Keyword::Next | Keyword::This)
                    && self.tokens[j].capitalized =>
            {
                if let Some((e, Value::Day(d))) = self.at_month(j, m) {
                    let a = self.anchor?;
                    let d2 = match kw {
                        Keyword::Last if d > a => CivilDate::new(d.year - 1, d.month, d.day)?,
                        Keyword::Next if d < a => CivilDate::new(d.year + 1, d.month, d.day)?,
                        _ => d,
                    };
                    return Some((e, Value::Day(d2)));
                }
                let tense = match kw {
                    Keyword::Last => Tense::Past,
                    Keyword::Next => Tense::Future,
                    _ => self.tense(i, j + 1),
                };
                let y = match (self.anchor, kw) {
                    (Some(a), Keyword::Last) if m + 1 >= a.month => Some(a.year - 1),
                    (Some(a), Keyword::Next) if m <= a.month => Some(a.year + 1),
                    (Some(a), _) => Some(a.year),
                    _ => self.year_for(m, None, tense),
                };
                Some((j + 1, self.month_val(y, m)))
            }
            Keyword::Season(s) => self.at_season(j, s, Some(kw)),
            Keyword::PartOfDay(p) if matches!(kw, Keyword::This | Keyword::Last) => {
                let a = self.anchor?;
                if kw == Keyword::Last && p != "NI" {
                    return None;
                }
                let d = if kw == Keyword::Last {
                    a.add_days(-1)
                } else {
                    a
                };
                Some((j + 1, Value::DayTime(d, p.to_string())))
            }
            Keyword::Unit(_, true) if kw == Keyword::Past => {
                Some((j + 1, Value::Raw("PAST_REF".into())))
            }
            Keyword::Unit(_, true) if kw == Keyword::Coming => {
                Some((j + 1, Value::Raw("FUTURE_REF".into())))
            }
            Keyword::Few if matches!(kw, Keyword::Past | Keyword::Last) => {
                // "the last few months": a vague past reference.
                if let Keyword::Unit(_, true) = self.keyword(j + 1) {
                    return Some((j + 2, Value::Raw("PAST_REF".into())));
                }
                None
            }
            Keyword::Unit(u, false)
                if matches!(kw, Keyword::Following | Keyword::Previous | Keyword::Same)
                    || (kw == Keyword::Next && i > 0 && self.keyword(i - 1) == Keyword::The) =>
            {
                // Narrative: relative to the last explicit date when there is one.
                match (u, self.last_explicit_day, self.last_explicit_year) {
                    (Unit::Day, Some(d), _) => Some((j + 1, Value::Day(d.add_days(off as i64)))),
                    // "the next month" is as often "the coming month": narrative only after a
                    // full date.
                    (Unit::Month, Some(d), _) if kw == Keyword::Next => {
                        let (y, m) = month_shift(d.year, d.month, off);
                        Some((j + 1, Value::Month(y, m)))
                    }
                    (Unit::Month, _, _)
                        if kw != Keyword::Next && self.last_explicit_month.is_some() =>
                    {
                        let (y, m) = self.last_explicit_month?;
                        let (y, m) = month_shift(y, m, off);
                        // "the same month last year", "the same month a year earlier"
                        if kw == Keyword::Same {
                            if self.keyword(j + 1) == Keyword::Last
                                && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                            {
                                return Some((j + 3, Value::Month(y - 1, m)));
                            }
                            if self.keyword(j + 1) == Keyword::A
                                && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                                && matches!(
                                    self.keyword(j + 3),
                                    Keyword::Earlier | Keyword::Ago | Keyword::Before
                                )
                            {
                                return Some((j + 4, Value::Month(y - 1, m)));
                            }
                        }
                        Some((j + 1, Value::Month(y, m)))
                    }
                    (Unit::Year, _, Some(y)) => Some((j + 1, Value::Year(y + off))),
                    _ => {
                        if u == Unit::Day {
                            let a = self.anchor?;
                            return Some((j + 1, Value::Day(a.add_days(off as i64))));
                        }
                        self.relative_unit(i, off)
                    }
                }
            }
            Keyword::Unit(_, false) => self.relative_unit(i, off),
            Keyword::Fiscal if self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) => {
                let a = self.anchor?;
                Some((j + 2, Value::Year(a.year + off)))
            }
            Keyword::Unit(_, true) | Keyword::Few | Keyword::NumberWord(_) => {
                // "the past few years", "the last two months": durations – skip, but
                // "the past several years" etc. are DURATION in gold; do not emit.
                None
            }
            _ => {
                if matches!(kw, Keyword::This) && self.number(j).is_none() {
                    return None;
                }
                None
            }
        }
    }

    /// this/last/next + unit at `i`: value relative to the anchor.
    fn relative_unit(&self, i: usize, off: i32) -> Found {
        let mut j = i + 1;
        if self.keyword(j) == Keyword::Fiscal {
            j += 1;
        }
        let Keyword::Unit(u, false) = self.keyword(j) else {
            return None;
        };
        // A title in the middle of a sentence: ABC's "This Week".
        if self.tokens[j].capitalized
            && i > 0
            && !self.is_boundary(i - 1)
            && !self.tokens[i].newline
        {
            return None;
        }
        let Some(a) = self.anchor else {
            return Some((
                j + 1,
                Value::Raw(
                    match u {
                        Unit::Year => "XXXX",
                        Unit::Month => "XXXX-XX",
                        Unit::Week | Unit::Weekend => "XXXX-WXX",
                        Unit::Day => "XXXX-XX-XX",
                        _ => "XXXX",
                    }
                    .into(),
                ),
            ));
        };
        let kw = self.keyword(i);
        let e = j + 1;
        let v = match u {
            Unit::Year => {
                // "this year's third quarter"
                let y = a.year + off;
                if self.is_punct(e, b'\'') && self.is_word(e + 1, "s") {
                    if let Some((q, k)) = self.quarter_words(e + 2) {
                        return Some((k, Value::Quarter(y, q)));
                    }
                    if self.keyword(e + 2) == Keyword::Unit(Unit::Quarter, false) {
                        let q = self.last_quarter.map_or_else(
                            || quarter_shift(a.year, quarter_of(a.month), -1).1,
                            |x| x.1,
                        );
                        return Some((e + 3, Value::QuarterAgo(y, q)));
                    }
                }
                Value::Year(y)
            }
            Unit::Month => {
                let (y, m) = month_shift(a.year, a.month, off);
                Value::Month(y, m)
            }
            Unit::Week => week_of(a.add_days(7 * i64::from(off))),
            Unit::Weekend => {
                let aw = i64::from(a.weekday());
                let base = if off < 0 {
                    a.add_days(-(aw + 2))
                } else if off > 0 {
                    a.add_days(7 - aw + 5)
                } else {
                    a.add_days(5 - aw)
                };
                if kw == Keyword::Past || kw == Keyword::Last {
                    // "last weekend" / "the past weekend": the most recent one.
                    let d = if aw >= 5 { a } else { a.add_days(-(aw + 2)) };
                    weekend_of(d)
                } else {
                    weekend_of(base)
                }
            }
            Unit::Quarter => {
                if off == 0 && matches!(kw, Keyword::Latest | Keyword::This | Keyword::Same) {
                    return self.the_unit(i, j, Unit::Quarter);
                }
                let (y, q) = quarter_shift(a.year, quarter_of(a.month), off);
                Value::Quarter(y, q)
            }
            Unit::Half => {
                if self.keyword(e) == Keyword::Of {
                    return None;
                }
                let h = if a.month <= 6 { 1 } else { 2 };
                let idx = a.year * 2 + (h - 1) + off;
                Value::Half(idx.div_euclid(2), (idx.rem_euclid(2) + 1) as u32)
            }
            Unit::Decade => Value::Decade(a.year / 10 + off),
            Unit::Century => Value::Century(a.year / 100 + off),
            Unit::Day => return None,
        };
        Some((e, v))
    }

    /// "two years ago", "a week ago", "several years ago", "a year earlier".
    fn at_ago(&self, i: usize) -> Found {
        // Spoken year "nineteen ninety-six".
        if let Some((e, y)) = self.spoken_year(i) {
            return Some((e, Value::Year(y)));
        }
        let (mut j, n, vague) = if self.keyword(i) == Keyword::Few {
            (i + 1, 0, true)
        } else if self.keyword(i) == Keyword::A && self.keyword(i + 1) == Keyword::Few {
            (i + 2, 0, true)
        } else {
            let (j, n) = self.cardinal(i)?;
            (j, n, false)
        };
        // "a year or two ago"
        let Keyword::Unit(u, _) = self.keyword(j) else {
            if self.keyword(j) == Keyword::Day
                && matches!(
                    self.keyword(j + 1),
                    Keyword::Ago | Keyword::Earlier | Keyword::Before
                )
            {
                return self.ago_value(i, j + 2, Unit::Day, n, vague);
            }
            return None;
        };
        j += 1;
        if self.keyword(j) == Keyword::Ago || self.keyword(j) == Keyword::Earlier {
            return self.ago_value(i, j + 1, u, n, vague);
        }
        // "a week or so ago"
        if self.is_word(j, "or") && self.is_word(j + 1, "so") && self.keyword(j + 2) == Keyword::Ago
        {
            return self.ago_value(i, j + 3, u, n, vague);
        }
        None
    }

    fn ago_value(&self, i: usize, e: usize, u: Unit, n: u32, vague: bool) -> Found {
        if vague {
            return Some((e, Value::Raw("PAST_REF".into())));
        }
        if n == 0 || n > 1000 {
            return None;
        }
        let n = n as i32;
        if u == Unit::Year && n == 1 && self.keyword(i) == Keyword::A {
            return Some((e, self.year_ago_val(i)));
        }
        let Some(a) = self.anchor else {
            return Some((e, Value::Raw("PAST_REF".into())));
        };
        let v = match u {
            Unit::Day => Value::Day(a.add_days(-i64::from(n))),
            Unit::Week => week_of(a.add_days(-7 * i64::from(n))),
            Unit::Month => {
                let (y, m) = month_shift(a.year, a.month, -n);
                Value::Month(y, m)
            }
            Unit::Year => Value::Year(a.year - n),
            Unit::Quarter => {
                let (y, q) = quarter_shift(a.year, quarter_of(a.month), -n);
                Value::Quarter(y, q)
            }
            Unit::Decade => Value::Year(a.year - 10 * n),
            Unit::Century => Value::Year(a.year - 100 * n),
            _ => return None,
        };
        Some((e, v))
    }

    /// "nineteen ninety-six", "two thousand", "nineteen eighty".
    fn spoken_year(&self, i: usize) -> Option<(usize, i32)> {
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

    fn at_season(&self, i: usize, s: &'static str, deictic: Option<Keyword>) -> Found {
        // "summer 2020", "the summer of 1994"
        let mut k = i + 1;
        if self.keyword(k) == Keyword::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Value::Season(y, s)));
        }
        if let Some((e, y)) = self.spoken_year(k) {
            return Some((e, Value::Season(y, s)));
        }
        let a = self.anchor?;
        // The season the anchor is in.
        let (ai, yo) = season_of_month(a.month);
        let ay = a.year + yo;
        let si = season_index(s);
        let y = match deictic {
            Some(Keyword::Last) | Some(Keyword::Past) | Some(Keyword::Previous) => {
                if si < ai {
                    ay
                } else {
                    ay - 1
                }
            }
            Some(Keyword::Next) | Some(Keyword::Coming) => {
                if si > ai {
                    ay
                } else {
                    ay + 1
                }
            }
            Some(_) => ay,
            None => {
                // Needs a determiner or preposition to be a date ("fall" is also a verb).
                if i == 0 {
                    return None;
                }
                let p = Lower::new(self.word(i - 1));
                if !matches!(
                    p.as_str(),
                    "the"
                        | "in"
                        | "this"
                        | "during"
                        | "by"
                        | "until"
                        | "since"
                        | "early"
                        | "late"
                        | "mid"
                ) {
                    return None;
                }
                match self.tense(i, i + 1) {
                    Tense::Past if si > ai => ay - 1,
                    Tense::Future if si < ai => ay + 1,
                    _ => ay,
                }
            }
        };
        Some((i + 1, Value::Season(y, s)))
    }

    /// "early/late/mid/the end of/the beginning of" + date: the value of the date.
    fn at_modifier(&self, i: usize) -> Found {
        let mut j = i + 1;
        if self.is_punct(j, b'-') {
            j += 1;
        }
        if self.keyword(j) == Keyword::Of {
            j += 1;
        }
        if self.keyword(j) == Keyword::The {
            j += 1;
        }
        match self.keyword(j) {
            Keyword::Month(m) => {
                if let Some(f) = self.at_month(j, m) {
                    return Some(f);
                }
                if self.tokens[j].capitalized {
                    let y = self.year_for(m, None, self.tense(i, j + 1));
                    return Some((self.skip_dot(j + 1), self.month_val(y, m)));
                }
                None
            }
            Keyword::Weekday(_)
            | Keyword::Today
            | Keyword::Yesterday
            | Keyword::Tomorrow
            | Keyword::This
            | Keyword::Last
            | Keyword::Next
            | Keyword::Season(_) => self.at_word(j),
            Keyword::Unit(u, false) => {
                if self.keyword(j - 1) == Keyword::The {
                    self.the_unit(j - 1, j, u)
                } else {
                    None
                }
            }
            Keyword::None
                if self
                    .tokens
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::Number) =>
            {
                let f = self.at_number(j)?;
                matches!(f.1, Value::Year(_) | Value::Decade(_)).then_some(f)
            }
            Keyword::None => {
                if j < self.tokens.len() && self.tokens[j].kind == TokenKind::Word {
                    if let Some(dec) = decade_word(self.word(j)) {
                        return Some((j + 1, Value::Decade(190 + dec)));
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn holiday_year(&self, i: usize, e: usize, m: u32, d: u32) -> (usize, Option<i32>) {
        let mut k = e;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return (k + 1, Some(y));
        }
        let t = self.tense(i, e);
        (e, self.year_for(m, Some(d), t))
    }

    fn at_holiday(&self, i: usize, h: Holiday) -> Found {
        if !self.tokens[i].capitalized {
            return None;
        }
        // "Easter Island", "Christmas Carol": part of a name.
        if let Some(n) = self.tokens.get(i + 1) {
            if n.kind == TokenKind::Word
                && n.capitalized
                && n.space
                && !matches!(
                    self.keyword(i + 1),
                    Keyword::Day | Keyword::Eve | Keyword::Weekday(_)
                )
            {
                return None;
            }
        }
        let mut e = i + 1;
        // Possessive "Valentine's Day", "New Year's".
        if self.is_punct(e, b'\'') {
            e += 1;
            if self.is_word(e, "s") {
                e += 1;
            }
        }
        let mut eve = false;
        match h {
            Holiday::Christmas => {
                if self.keyword(e) == Keyword::Eve {
                    eve = true;
                    e += 1;
                } else if self.keyword(e) == Keyword::Day {
                    e += 1;
                }
            }
            Holiday::Easter | Holiday::Halloween => {
                if self.keyword(e) == Keyword::Day || self.is_word(e, "Sunday") {
                    e += 1;
                }
            }
            Holiday::Thanksgiving => {
                if self.keyword(e) == Keyword::Day {
                    e += 1;
                }
            }
            _ => {
                if self.keyword(e) != Keyword::Day || !self.tokens[e].capitalized {
                    return None;
                }
                e += 1;
            }
        }
        // Year: explicit after, else tense / nearest.
        let mut k = e;
        if self.is_punct(k, b',') {
            k += 1;
        }
        let y = if let Some(y) = self.year_at(k) {
            e = k + 1;
            Some(y)
        } else if let Some(a) = self.anchor {
            let t = self.tense(i, e);
            let cands = [a.year - 1, a.year, a.year + 1];
            let ad = a.days_since_epoch();
            let mut best: Option<(i64, i32)> = None;
            for y in cands {
                if let Some(d) = holiday_date(h, eve, y) {
                    let diff = d.days_since_epoch() - ad;
                    let ok = match t {
                        Tense::Past => diff <= 0,
                        Tense::Future => diff >= 0,
                        Tense::Unknown => true,
                    };
                    if ok && best.is_none_or(|(bd, _)| diff.abs() < bd) {
                        best = Some((diff.abs(), y));
                    }
                }
            }
            best.map(|b| b.1)
        } else {
            self.last_year
        };
        let v = match y.and_then(|y| holiday_date(h, eve, y)) {
            Some(d) => Value::Day(d),
            None => return None,
        };
        Some((e, v))
    }

    /// A quarter: year from a following "of 1989"/"of last year", the last quarter mentioned,
    /// or the anchor.
    fn finish_quarter(&self, q: u32, k: usize) -> (usize, Value) {
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
        if matches!(
            self.keyword(e),
            Keyword::This | Keyword::Last | Keyword::Next
        ) && self.keyword(e + 1) == Keyword::Unit(Unit::Year, false)
        {
            if let Some(a) = self.anchor {
                let y = match self.keyword(e) {
                    Keyword::Last => a.year - 1,
                    Keyword::Next => a.year + 1,
                    _ => a.year,
                };
                return (e + 2, Value::Quarter(y, q));
            }
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
}

/// "nineties" -> 9, "eighties" -> 8 ...
fn decade_word(w: &str) -> Option<i32> {
    Some(match Lower::new(w).as_str() {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> CivilDate {
        CivilDate::new(y, m, dd).unwrap()
    }

    fn values(text: &str, anchor: Option<CivilDate>) -> Vec<(String, String)> {
        tag(text, anchor)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value))
            .collect()
    }

    fn value_of(text: &str, anchor: Option<CivilDate>, needle: &str) -> Option<String> {
        let p = text.find(needle)?;
        tag(text, anchor)
            .into_iter()
            .find(|m| m.start <= p && p < m.end)
            .map(|m| m.value)
    }

    #[test]
    fn required_check() {
        let a = Some(d(2021, 3, 17));
        let t = "The mayor spoke on January 7 about the budget.";
        assert_eq!(value_of(t, a, "January").as_deref(), Some("2021-01-07"));
        let t = "Critics attacked the report released Tuesday by the agency.";
        assert_eq!(value_of(t, a, "Tuesday").as_deref(), Some("2021-03-16"));
        let t = "The factory closed in December 2019 after a fire.";
        assert_eq!(value_of(t, a, "December").as_deref(), Some("2019-12"));
        let t = "Sales of the new phone started in October.";
        assert_eq!(value_of(t, a, "October").as_deref(), Some("2020-10"));
        let t = "Turnout on Election Day surprised the pollsters.";
        assert_eq!(value_of(t, a, "Election").as_deref(), Some("2020-11-03"));
        let t = "The bridge has been closed since 2014 for repairs.";
        assert_eq!(value_of(t, a, "2014").as_deref(), Some("2014"));
    }

    #[test]
    fn explicit_formats() {
        let v = values(
            "Dates: March 16, 2021; 16 March 2021; Mar. 16; 3/16/2021 and 2021-03-16.",
            Some(d(2021, 4, 1)),
        );
        let vals: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            vals,
            [
                "2021-03-16",
                "2021-03-16",
                "2021-03-16",
                "2021-03-16",
                "2021-03-16"
            ]
        );
    }

    #[test]
    fn numbers_are_not_years() {
        let v = values("About 2,020 people paid $2020 each, 1999 percent.", None);
        assert!(v.is_empty(), "{v:?}");
        let v = values("In 1999 the firm had 2000 workers.", None);
        assert_eq!(v, [("1999".to_string(), "1999".to_string())]);
    }

    #[test]
    fn relative_expressions() {
        let a = Some(d(2021, 3, 17)); // a Wednesday
        assert_eq!(
            value_of("He left yesterday.", a, "yesterday").unwrap(),
            "2021-03-16"
        );
        assert_eq!(
            value_of("She will go tomorrow.", a, "tomorrow").unwrap(),
            "2021-03-18"
        );
        assert_eq!(
            value_of("Prices rose last year.", a, "last").unwrap(),
            "2020"
        );
        assert_eq!(
            value_of("Talks resume next week.", a, "next").unwrap(),
            "2021-W12"
        );
        assert_eq!(
            value_of("Talks ended this month.", a, "this").unwrap(),
            "2021-03"
        );
        assert_eq!(
            value_of("It opened two years ago.", a, "two").unwrap(),
            "2019"
        );
        assert_eq!(
            value_of("Shares fell earlier this month.", a, "earlier").unwrap(),
            "2021-03"
        );
        assert_eq!(
            value_of("Sales are up now.", a, "now").unwrap(),
            "PRESENT_REF"
        );
        assert_eq!(
            value_of("Prices rose recently.", a, "recently").unwrap(),
            "PAST_REF"
        );
        assert_eq!(
            value_of("They met this morning.", a, "this").unwrap(),
            "2021-03-17TMO"
        );
        assert_eq!(
            value_of("Growth slowed in the 1990s.", a, "1990s").unwrap(),
            "199"
        );
        assert_eq!(
            value_of("Profit rose in the third quarter.", a, "third").unwrap(),
            "2020-Q3"
        );
        assert_eq!(
            value_of("Christmas sales were weak.", a, "Christmas").unwrap(),
            "2020-12-25"
        );
        assert_eq!(
            value_of("The vote is expected this summer.", a, "summer").unwrap(),
            "2021-SU"
        );
        assert_eq!(
            value_of("The meeting will be held Friday.", a, "Friday").unwrap(),
            "2021-03-19"
        );
    }

    #[test]
    fn more_forms() {
        let a = Some(d(2021, 3, 17)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        assert_eq!(v("Earnings in FY2020 were flat.", "FY"), "2020");
        assert_eq!(v("Growth slowed in H1 2020.", "H1"), "2020-H1");
        assert_eq!(
            v("Profit fell in the first half of 2019.", "first"),
            "2019-H1"
        );
        assert_eq!(v("Music of the 90s is back.", "90s"), "199");
        assert_eq!(v("Prices rose in mid-2016 sharply.", "mid"), "2016");
        assert_eq!(
            v("The talks ran from August to September 1886.", "August"),
            "1886-08"
        );
        assert_eq!(
            v("We met on Saturday, March 13, and talked.", "Saturday"),
            "2021-03-13"
        );
        assert_eq!(
            v("Shares fell 3% at 10:30 a.m. on Monday.", "10:30"),
            "2021-03-15T10:30"
        );
        assert_eq!(
            v("It opened at 9 p.m. Tuesday.", "9 p.m."),
            "2021-03-16T21:00"
        );
        assert_eq!(v("The 2020-21 season was odd.", "2020"), "2020");
        assert_eq!(v("It happened last Oct. 23 in Ohio.", "last"), "2020-10-23");
        assert_eq!(
            v("Sales rose 5% in the latest quarter.", "latest"),
            "2020-Q4"
        );
        assert_eq!(v("It was held in the 20th century.", "20th"), "19");
        assert_eq!(
            v("The plan dates from the nineteen nineties.", "nineteen"),
            ""
        );
        assert_eq!(v("A year ago, the firm was small.", "year"), "2020");
        assert_eq!(
            v(
                "The vote was held in 2016. The following year, it changed.",
                "following"
            ),
            "2017"
        );
        assert_eq!(v("He spoke on New Year's Day.", "New"), "2021-01-01");
        assert_eq!(
            v("Thanksgiving dinner was quiet.", "Thanksgiving"),
            "2020-11-26"
        );
        assert_eq!(
            v("Stores opened early on Black Friday.", "Friday"),
            "2020-11-27"
        );
        assert_eq!(
            v("Churches will be full on Good Friday.", "Friday"),
            "2021-04-02"
        );
        assert_eq!(v("Easter fell late that year.", "Easter"), "2020-04-12");
        assert_eq!(v("The 1800s were different.", "1800s"), "18");
        assert_eq!(v("It closed a decade ago.", "decade"), "2011");
        assert_eq!(
            v("The summit is on April 24 and 25 in Rome.", "25"),
            "2021-04-25"
        );
        assert_eq!(v("Rallies ran March 3-5 downtown.", "5"), "2021-03-05");
        assert_eq!(v("The post-1959 politics split families.", "1959"), "1959");
        assert_eq!(v("He sailed to Easter Island.", "Easter"), "");
        assert_eq!(v("They met this past Sunday.", "this"), "2021-03-14");
        assert_eq!(v("They met this past weekend.", "this"), "2021-W10-WE");
        assert_eq!(
            v("He was charged under Section 1001 of the code.", "1001"),
            ""
        );
        assert_eq!(
            v("The text arrived (11:06:35 a.m.) on Monday.", "11"),
            "2021-03-15T11:06"
        );
        assert_eq!(v("Music of the \u{2019}80s is back.", "80s"), "198");
        assert_eq!(v("Filed on 16.03.2021 in Bonn.", "16"), "2021-03-16");
        assert_eq!(v("Filed on 2021/03/16 in Osaka.", "2021"), "2021-03-16");
        assert_eq!(v("It opened on Nov. 3 last year.", "Nov"), "2020-11-03");
        assert_eq!(v("He read it in the Sunday Times.", "Sunday"), "");
        assert_eq!(v("A newsletter arrives every Friday.", "Friday"), "");
        assert_eq!(v("They left last night.", "last"), "2021-03-16TNI");
        assert_eq!(v("We will decide over the next few weeks.", "next"), "");
        assert_eq!(v("The current account deficit grew.", "current"), "");
        assert_eq!(v("Turnout was low in recent years.", "recent"), "PAST_REF");
        assert_eq!(v("About 1500 troops and 2,000 people came.", "1500"), "");
    }

    #[test]
    fn weekday_tense() {
        let a = Some(d(2021, 3, 17)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        assert_eq!(
            v("The company said Monday that profits fell.", "Monday"),
            "2021-03-15"
        );
        assert_eq!(v("The board will meet on Friday.", "Friday"), "2021-03-19");
        assert_eq!(v("The court ruled Wednesday.", "Wednesday"), "2021-03-17");
        assert_eq!(v("Next Wednesday the club opens.", "Next"), "2021-03-24");
        assert_eq!(v("Last Wednesday the club opened.", "Last"), "2021-03-10");
        assert_eq!(
            v("Critics of Tuesday's ruling would appeal.", "Tuesday"),
            "2021-03-16"
        );
    }

    #[test]
    fn month_year_window() {
        // No tense cue: a day seven months back, four ahead; a month six back, five ahead.
        let a = Some(d(2021, 10, 20));
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        assert_eq!(v("Rates stand at 3% in April.", "April"), "2021-04");
        assert_eq!(v("Rates stand at 3% in March.", "March"), "2022-03");
        assert_eq!(v("Rates stand at 3% on March 4.", "March"), "2021-03-04");
        assert_eq!(v("Rates stand at 3% on Feb. 4.", "Feb"), "2022-02-04");
        assert_eq!(v("Rates stand at 3% in February.", "February"), "2022-02");
        // A full month name's dot ends the sentence; the next sentence's verb is no cue.
        assert_eq!(
            v(
                "Rates fall to 3% in January. Banks raised them twice.",
                "January"
            ),
            "2022-01"
        );
    }

    #[test]
    fn tense_cues_refined() {
        let a = Some(d(2021, 10, 20)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // Adjectival participles are not past tense.
        assert_eq!(
            v(
                "Bonds would be paid on an unspecified date in January.",
                "January"
            ),
            "2022-01"
        );
        // "plans" as a noun is no future cue.
        assert_eq!(
            v(
                "On Monday, when the mayor set aside holiday plans, crowds met.",
                "Monday"
            ),
            "2021-10-18"
        );
        assert_eq!(
            v("The city plans to vote on Friday.", "Friday"),
            "2021-10-22"
        );
        // An infinitive after the past verb: the month may lie ahead.
        assert_eq!(
            v(
                "The firm agreed to acquire the mill for $9 million in January.",
                "January"
            ),
            "2022-01"
        );
        // A plan reported in the past does not date the planned event.
        assert_eq!(
            v(
                "The handover was planned for early December, but no date was set.",
                "early"
            ),
            "2021-12"
        );
        assert_eq!(
            v("Fans planned a parade on Thursday.", "Thursday"),
            "2021-10-21"
        );
        assert_eq!(
            v("Fans are planning to march on Monday.", "Monday"),
            "2021-10-25"
        );
        // ... but in the past tense the plan may be over.
        assert_eq!(
            v("Fans were planning to march on Monday.", "Monday"),
            "2021-10-18"
        );
        // "due to" as "because of" is no plan.
        assert_eq!(
            v("Exports fell on Tuesday due to a strike.", "Tuesday"),
            "2021-10-19"
        );
        assert_eq!(
            v("The report is due to be published on Monday.", "Monday"),
            "2021-10-25"
        );
        // "ahead of" before the date puts the date ahead; after it, it says nothing.
        assert_eq!(
            v(
                "Parties campaign hard ahead of the primary on Tuesday.",
                "Tuesday"
            ),
            "2021-10-26"
        );
        assert_eq!(
            v(
                "Protests on Sunday ahead of the vote drew crowds.",
                "Sunday"
            ),
            "2021-10-17"
        );
        // Scheduled events in the present tense lie ahead; "the end of" is no verb.
        assert_eq!(
            v(
                "The convention, which begins Monday, is sold out.",
                "Monday"
            ),
            "2021-10-25"
        );
        assert_eq!(
            v("Stocks were flat at the end of January.", "January"),
            "2021-01"
        );
        // A reporting verb with its own adjuncts dates the report ...
        assert_eq!(
            v(
                "An aide told reporters on Tuesday the bill will pass.",
                "Tuesday"
            ),
            "2021-10-19"
        );
        // ... but not across "that", nor before a complement clause.
        assert_eq!(
            v("He said that the vote was set for early December.", "early"),
            "2021-12"
        );
        assert_eq!(
            v(
                "He said the gala in December would be the last.",
                "December"
            ),
            "2021-12"
        );
        // A participle after "will": the modal decides.
        assert_eq!(
            v(
                "The mayor will present revised plans on Thursday.",
                "Thursday"
            ),
            "2021-10-21"
        );
        // Passive infinitive: ahead; not after "had hoped".
        assert_eq!(
            v("The budget, to be unveiled on Monday, is large.", "Monday"),
            "2021-10-25"
        );
        assert_eq!(
            v("She had hoped to be released on Monday.", "Monday"),
            "2021-10-18"
        );
        assert_eq!(
            v("The offer had been due to expire Friday evening.", "Friday"),
            "2021-10-15TEV"
        );
    }

    #[test]
    fn clause_scope() {
        let a = Some(d(2021, 10, 20)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // The verb after a subject pronoun belongs to the reported clause.
        assert_eq!(
            v(
                "The minister told reporters on Monday he would resign.",
                "Monday"
            ),
            "2021-10-18"
        );
        assert_eq!(
            v("The firm said on Tuesday that it will cut jobs.", "Tuesday"),
            "2021-10-19"
        );
        // A fronted date goes with the clause after it.
        assert_eq!(v("In August, she regained her sight.", "August"), "2021-08");
        assert_eq!(
            v("On Monday, the company said it would cut jobs.", "Monday"),
            "2021-10-18"
        );
        // ", but ..." starts another clause.
        assert_eq!(
            v(
                "The vote is planned for early December, but no date was set.",
                "early"
            ),
            "2021-12"
        );
        // The reporting verb after a closing quote is not the quoted clause's verb.
        assert_eq!(
            v("\"We sell more in January,\" the trader said.", "January"),
            "2022-01"
        );
    }

    #[test]
    fn past_perfect_and_when_clauses() {
        let a = Some(d(2021, 10, 20));
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // "had expected ... to be adopted": a past expectation, not a future event.
        assert_eq!(
            v("Many had expected the bill to be adopted in May.", "May"),
            "2021-05"
        );
        // The "when" clause after a date is about that date.
        assert_eq!(
            v(
                "A shift in December when she told a radio host surprised many.",
                "December"
            ),
            "2020-12"
        );
    }

    #[test]
    fn participles_and_possessives() {
        let a = Some(d(2021, 10, 20)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // "will report ... having raised": the raising is past.
        assert_eq!(
            v(
                "The fund will report having raised $9 million in August.",
                "August"
            ),
            "2021-08"
        );
        // A reporting verb right after the date dates it only after "on" or a name.
        assert_eq!(
            v(
                "Voters who would back him in November said little.",
                "November"
            ),
            "2021-11"
        );
        assert_eq!(
            v("The minister on Monday said the plan would work.", "Monday"),
            "2021-10-18"
        );
        // "the weekend's events" happened.
        assert_eq!(
            v("The weekend's storms will raise prices.", "weekend"),
            "2021-W41-WE"
        );
    }

    #[test]
    fn times_of_day() {
        let a = Some(d(2021, 10, 20));
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        assert_eq!(v("Shares fell 2% by midafternoon.", "mid"), "2021-10-20TAF");
        assert_eq!(v("Shares fell 2% by mid-morning.", "mid"), "2021-10-20TMO");
        assert_eq!(v("The talks resume at noon.", "noon"), "2021-10-20T12:00");
        assert_eq!(
            v("The talks resume at noon on Oct. 25.", "noon"),
            "2021-10-25T12:00"
        );
        assert_eq!(
            v("The talks will end at noon Friday.", "noon"),
            "2021-10-22T12:00"
        );
        // Not a time: no preposition, or "mid" before a month.
        assert_eq!(value_of("The noon news ran late.", a, "noon"), None);
        assert_eq!(v("Rates rose in mid-March.", "mid"), "2021-03");
    }

    #[test]
    fn quarters_and_months_in_reports() {
        let a = Some(d(2021, 10, 20));
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // A quarter given by its last day: the quarter of its middle month.
        assert_eq!(
            v("Sales in the quarter ended July 31 rose.", "quarter"),
            "2021-Q2"
        );
        // ... unless the report already named the (fiscal) quarter.
        let t = "It earned $5 million in the fiscal first quarter. Sales for the quarter \
                 ended Sept. 30 rose.";
        assert_eq!(value_of(t, a, "quarter ended").as_deref(), Some("2021-Q1"));
        assert_eq!(
            v(
                "Profit rose in the second quarter. In that quarter, sales rose.",
                "that"
            ),
            "2021-Q2"
        );
        let t = "Sales were $9 million in February, up from $8 million in the same month last \
                 year.";
        assert_eq!(value_of(t, a, "same").as_deref(), Some("2020-02"));
        let t = "Exports fell 2% last month after a 3% rise the previous month.";
        assert_eq!(value_of(t, a, "previous").as_deref(), Some("2021-08"));
        let t = "The first jet is due in April 2024, the others in May and in September of \
                 that year.";
        assert_eq!(value_of(t, a, "September").as_deref(), Some("2024-09"));
    }

    #[test]
    fn short_capitalized_word_ends_sentence() {
        let a = Some(d(2021, 10, 20)); // a Wednesday
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        // The past verb of the sentence before "Act." is not this clause's.
        assert_eq!(
            v(
                "He signed the Health Act. On Thursday, she is to speak.",
                "Thursday"
            ),
            "2021-10-21"
        );
        // "Mr." does not end a sentence.
        assert_eq!(
            v("Mr. Smith will speak on Friday in Boston.", "Friday"),
            "2021-10-22"
        );
    }

    #[test]
    fn anaphoric_references() {
        let a = Some(d(2021, 10, 20));
        let v = |t: &str, n: &str| value_of(t, a, n).unwrap_or_default();
        let t = "The mine closed in April 2019. The following month, workers left.";
        assert_eq!(v(t, "following"), "2019-05");
        let t = "The bridge opened on June 3, 2020. Earlier that day, it rained.";
        assert_eq!(v(t, "Earlier"), "2020-06-03");
        let t = "Voters went to the polls on Sunday, and that same day the count began.";
        assert_eq!(v(t, "that same"), "2021-10-17");
        // Nothing to refer to: not tagged.
        assert_eq!(
            value_of("He recalled that day with pride.", a, "that"),
            None
        );
    }

    #[test]
    fn generic_today() {
        let a = Some(d(2021, 10, 20));
        assert_eq!(
            value_of("Teenagers in today's world read less.", a, "today"),
            None
        );
        assert_eq!(
            value_of("Many of today's young voters stay home.", a, "today"),
            None
        );
        assert_eq!(
            value_of("The schools of tomorrow need funds.", a, "tomorrow"),
            None
        );
        assert_eq!(
            value_of("Today's vote was close.", a, "Today").as_deref(),
            Some("2021-10-20")
        );
    }

    #[test]
    fn dateline_anchor() {
        // Archive date a day after the dateline: relative days follow the dateline.
        let a = Some(d(2021, 10, 20));
        let t = "\n\nLAGOS, Nigeria, Oct. 19 (Newswire) -- The vote ended today.";
        assert_eq!(value_of(t, a, "today").as_deref(), Some("2021-10-19"));
        // Not a dateline: mixed-case opening, or a date too far back.
        let t = "Lagos police, Oct. 19 (Newswire) -- The vote ended today.";
        assert_eq!(value_of(t, a, "today").as_deref(), Some("2021-10-20"));
        let t = "LAGOS, Oct. 2 (Newswire) -- The vote ended today.";
        assert_eq!(value_of(t, a, "today").as_deref(), Some("2021-10-20"));
    }

    #[test]
    fn no_anchor_uses_text_year() {
        let v = values("The 2019 season began on March 16 in Ohio.", None);
        assert_eq!(v.last().unwrap().1, "2019-03-16");
        let v = values("It began on March 16 in Ohio.", None);
        assert_eq!(v[0].1, "XXXX-03-16");
    }

    #[test]
    fn ranges() {
        let r = |s: &str| value_range(s).map(|(a, b)| (a.to_string(), b.to_string()));
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(r("2020-10"), p("2020-10-01", "2020-10-31"));
        assert_eq!(r("2021"), p("2021-01-01", "2021-12-31"));
        assert_eq!(r("2021-W11"), p("2021-03-15", "2021-03-21"));
        assert_eq!(r("2020-Q4"), p("2020-10-01", "2020-12-31"));
        assert_eq!(r("2020-SU"), p("2020-06-01", "2020-08-31"));
        assert_eq!(r("2020-WI"), p("2020-12-01", "2021-02-28"));
        assert_eq!(r("2021-03-16"), p("2021-03-16", "2021-03-16"));
        assert_eq!(r("202"), p("2020-01-01", "2029-12-31"));
        assert_eq!(r("19"), p("1900-01-01", "1999-12-31"));
        assert_eq!(r("2020-W53"), p("2020-12-28", "2021-01-03"));
        assert_eq!(r("2021-W53"), None);
        assert_eq!(r("2021-W11-WE"), p("2021-03-20", "2021-03-21"));
        assert_eq!(r("2020-H2"), p("2020-07-01", "2020-12-31"));
        assert_eq!(r("1998-01-08TEV"), p("1998-01-08", "1998-01-08"));
        assert_eq!(r("2021-03-16T14:00"), p("2021-03-16", "2021-03-16"));
        assert_eq!(r("2021-02-30"), None);
        assert_eq!(r("XXXX-03-16"), None);
        assert_eq!(r("PRESENT_REF"), None);
    }

    #[test]
    fn fuzz_random_words() {
        let vocab = [
            "the",
            "a",
            "last",
            "next",
            "this",
            "year",
            "years",
            "ago",
            "earlier",
            "-",
            "'",
            "s",
            "March",
            "May",
            "Tuesday",
            "10",
            "2021",
            "1990",
            "s",
            "quarter",
            "third",
            "first",
            "half",
            "of",
            ",",
            ".",
            ":",
            "p",
            "m",
            "a",
            "day",
            "before",
            "after",
            "week",
            "end",
            "mid",
            "early",
            "late",
            "New",
            "Year",
            "Eve",
            "Christmas",
            "Election",
            "Day",
            "Q",
            "3",
            "H",
            "FY",
            "21",
            "/",
            "12",
            "31",
            "nineteen",
            "ninety",
            "two",
            "thousand",
            "following",
            "previous",
            "morning",
            "night",
            "tonight",
            "now",
            "recent",
            "the",
            "past",
            "future",
            "season",
            "summer",
            "fall",
            "current",
            "latest",
            "period",
            "fiscal",
            "that",
            "these",
            "days",
            "near",
            "full",
            "T",
            "EST",
            "am",
            "pm",
            "Q",
            "centuries",
            "century",
            "20",
            "th",
            "decade",
            "weekend",
            "in",
            "on",
            "Sunday",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let a = CivilDate::new(2021, 3, 17);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let w = vocab[(x % vocab.len() as u64) as usize];
                if x & 8 == 0 {
                    t.push(' ');
                }
                t.push_str(w);
            }
            for anchor in [a, None] {
                let out = tag(&t, anchor);
                for w in out.windows(2) {
                    assert!(w[0].end <= w[1].start, "{t}");
                }
            }
        }
    }
}
