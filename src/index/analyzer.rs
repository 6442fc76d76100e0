//! The `en_stem` analyzer of the stemmed fields, with each analyzer remembering the stems it has
//! computed.
//!
//! tantivy's own `en_stem` runs the Snowball English stemmer on every token; on news text that
//! was about a sixth of all indexing CPU, for a vocabulary where a few thousand word forms make
//! up most tokens. This analyzer produces exactly the same tokens (same tokenizer, length limit,
//! lower-casing and stemmer) and looks each lower-cased word up in a small cache first (about
//! 1.8x tantivy's speed on news text: `examples/bench_extract` times both). tantivy gives every
//! indexing thread its own analyzer per field, so the cache needs no lock.

use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};
use tantivy::Index;

/// Name of the analyzer, the one tantivy's stock English stemmer goes by: an index built with
/// either analyzes text identically.
pub const EN_STEM: &str = "en_stem";

/// Words longer than this many bytes are dropped, as by tantivy's `en_stem`.
const LONGEST_TOKEN: usize = 40;

/// The analyzer: tantivy's simple tokenizer, long-token removal, lower-casing, memoized stemming.
pub fn en_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(MemoStemmer)
        .build()
}

/// [`en_stem`] without its last step: the lower-cased words, with the same offsets and positions.
/// With [`StemMemo::stem`], for callers that need the stems of only some words (highlighting).
///
/// A word's stem starts with the word's first character (the English stemmer only rewrites
/// endings, and words here are runs of letters and digits), so a word whose first character
/// starts no wanted term needs no stemming.
pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .build()
}

/// Name of the analyzer of whole values matched without regard to case (the `source` filter).
pub const RAW_LOWER: &str = "raw_lower";

/// Registers [`en_stem`] on `index`, replacing tantivy's stock analyzer of the same name, and
/// [`RAW_LOWER`] (the whole value, lower-cased).
pub fn register(index: &Index) {
    index.tokenizers().register(EN_STEM, en_stem());
    index.tokenizers().register(
        RAW_LOWER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Token filter replacing each token by its English stem, remembering stems already computed.
#[derive(Clone, Copy)]
struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner,
            memo: StemMemo::default(),
        }
    }
}

#[derive(Clone)]
struct MemoStemmerFilter<T> {
    inner: T,
    memo: StemMemo,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

/// English stems of recently seen lower-cased words: a direct-mapped cache of up to [`SLOTS`]
/// entries held inline (no pointers to chase, about 370 KB at most), in front of the Snowball
/// English stemmer. A word maps to one slot by its hash; a new word evicts whatever was there. The
/// few thousand most frequent words of news make up most tokens, so most lookups hit. The cache
/// starts small and grows with its misses, so a search that stems a few words pays for little.
#[derive(Clone)]
pub struct StemMemo {
    slots: Vec<Slot>,
    /// Misses since the cache last grew.
    misses: usize,
    stemmer: frostem::Stemmer,
}

/// Most cache slots.
const SLOTS: usize = 1 << 13;
/// Slots of a new cache.
const FIRST_SLOTS: usize = 1 << 6;
/// Longest word (and stem) a slot holds, in bytes; longer words are stemmed every time.
const INLINE: usize = 22;

#[derive(Clone, Copy)]
struct Slot {
    word_len: u8,
    stem_len: u8,
    word: [u8; INLINE],
    stem: [u8; INLINE],
}

const EMPTY: Slot = Slot {
    // No word is this long, so an empty slot matches nothing.
    word_len: u8::MAX,
    stem_len: 0,
    word: [0; INLINE],
    stem: [0; INLINE],
};

impl Default for StemMemo {
    fn default() -> StemMemo {
        StemMemo {
            slots: vec![EMPTY; FIRST_SLOTS],
            misses: 0,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

impl StemMemo {
    /// The stem of the lower-cased `word`.
    pub fn stem(&mut self, word: &str) -> String {
        let mut w = word.to_string();
        self.stem_in_place(&mut w);
        w
    }

    /// Replaces the lower-cased `word` by its stem.
    fn stem_in_place(&mut self, word: &mut String) {
        let n = word.len();
        if n > INLINE {
            let stem = self.stemmer.stem(word).into_owned();
            *word = stem;
            return;
        }
        let size = self.slots.len();
        let slot = &mut self.slots[xxhash_rust::xxh3::xxh3_64(word.as_bytes()) as usize % size];
        if usize::from(slot.word_len) == n && slot.word[..n] == *word.as_bytes() {
            // Stored from a `str`, so valid UTF-8.
            if let Ok(stem) = std::str::from_utf8(&slot.stem[..usize::from(slot.stem_len)]) {
                word.clear();
                word.push_str(stem);
                return;
            }
        }
        let stem = self.stemmer.stem(word).into_owned();
        if stem.len() <= INLINE {
            slot.word[..n].copy_from_slice(word.as_bytes());
            slot.word_len = n as u8;
            slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
            slot.stem_len = stem.len() as u8;
        }
        *word = stem;
        self.misses += 1;
        if self.misses > 4 * size && size < SLOTS {
            // Many misses for its size: a bigger, empty cache.
            self.slots = vec![EMPTY; (size * 8).min(SLOTS)];
            self.misses = 0;
        }
    }
}

struct MemoStemmerStream<'a, S> {
    tail: S,
    memo: &'a mut StemMemo,
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push(format!(
                "{}@{}:{}..{}",
                t.text, t.position, t.offset_from, t.offset_to
            ));
        }
        out
    }

    fn stock() -> TextAnalyzer {
        TokenizerManager::default().get("en_stem").unwrap()
    }

    #[test]
    fn same_tokens_as_the_stock_analyzer() {
        let text = "Elections, electing and ELECTED officials: the Officials' interference \
                    interfered; Müller's naïve résumés, 2020-01-07, \
                    Pneumonoultramicroscopicsilicovolcanoconiosislongerthanforty words again \
                    elections Elections studies";
        let mut ours = super::en_stem();
        let expected = tokens(&mut stock(), text);
        assert!(expected.iter().any(|t| t.starts_with("studi@")));
        // Twice with one analyzer: the second pass answers from the memo.
        assert_eq!(tokens(&mut ours, text), expected);
        assert_eq!(tokens(&mut ours, text), expected);
    }

    /// What [`super::words`] promises: a stem starts with its word's first character.
    #[test]
    fn stems_keep_the_first_character() {
        let mut memo = super::StemMemo::default();
        let tricky = [
            "dying",
            "lying",
            "tying",
            "skies",
            "skis",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "news",
            "yes",
            "youth",
            "yyy",
            "ied",
            "ies",
            "sses",
            "y",
            "e",
            "ly",
            "eed",
            "müller",
            "ñandúes",
            "énergies",
            "2020s",
            "ébauchées",
            "σας",
        ];
        for w in tricky {
            let stem = memo.stem(w);
            assert_eq!(stem.chars().next(), w.chars().next(), "{w} -> {stem}");
        }
        // Pseudo-random words over letters that steer the stemmer's rules.
        let alphabet: Vec<char> = "aeiouylsdgnrtcbpmkxzwhéü".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            let mut w = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = 1 + (state % 12) as usize;
            let mut x = state;
            for _ in 0..len {
                w.push(alphabet[(x % alphabet.len() as u64) as usize]);
                x /= alphabet.len() as u64;
                if x == 0 {
                    x = state.rotate_left(29);
                }
            }
            let stem = memo.stem(&w);
            assert_eq!(stem.chars().next(), w.chars().next(), "{w} -> {stem}");
        }
    }

    #[test]
    fn the_memo_stays_correct_when_words_are_evicted() {
        let mut ours = super::en_stem();
        // More distinct words than the memo holds, then words seen before they were evicted.
        let words: Vec<String> = (0..super::SLOTS + 10)
            .map(|i| format!("running{i}s"))
            .collect();
        let text = words.join(" ") + " running0s runnings studies";
        assert_eq!(tokens(&mut ours, &text), tokens(&mut stock(), &text));
        let again = "runnings running0s studies";
        assert_eq!(tokens(&mut ours, again), tokens(&mut stock(), again));
    }
}
