//! The word knowledge of the tagger (data, no logic beyond a lookup): the keyword table that
//! gives each word that can start or shape a date expression its meaning ([`Keyword`]), the
//! abbreviations that take a dot without ending a sentence, and the decade words.
//!
//! In: a word's bytes. Out: its [`Keyword`] (`Keyword::None` for all other words).

use super::holidays::Holiday;
use super::tokens::Lower;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
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
pub(super) enum Keyword {
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

/// The keyword table: lower-case word and its meaning.
pub(super) const KEYWORDS: &[(&[u8], Keyword)] = &[
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
pub(super) fn word_key(w: &[u8]) -> Option<u128> {
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
pub(super) struct KeyHasher(u64);

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

pub(super) type KeywordMap =
    std::collections::HashMap<u128, Keyword, std::hash::BuildHasherDefault<KeyHasher>>;

/// The meaning of a word (`Keyword::None` for most words). Runs for every word of a text:
/// `#[inline]` keeps it inside the tokenizer's loop now that the two live in separate modules.
#[inline]
pub(super) fn lookup_keyword(w: &[u8]) -> Keyword {
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

/// Capitalized abbreviations that take a dot without ending a sentence.
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "maj",
    "adm", "cmdr", "rev", "prof", "pres", "sec", "jr", "sr", "mt", "ft", "ave", "inc", "co",
    "corp", "ltd", "bros", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "dist",
];

/// "nineties" -> 9, "eighties" -> 8 ...
pub(super) fn decade_word(w: &str) -> Option<i32> {
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
