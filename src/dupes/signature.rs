//! Near-duplicate signatures: text in, a MinHash signature of its word 5-shingles out.
//!
//! Words are runs of letters and digits, lowercased; a shingle is five consecutive words (a text
//! of fewer words is one shingle). Each shingle is hashed once into one of [`HASHES`] bins, which
//! keep their smallest value (one-permutation MinHash, densified); two texts agree on a position
//! with probability equal to the Jaccard similarity of their shingle sets. Only the top 16 bits of
//! each minimum are kept (b-bit MinHash): two unrelated texts agree by chance on a position once in
//! 65,536, which does not move the estimate, and the signature costs 256 bytes per article.

/// Hash functions per signature.
pub const HASHES: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Bits of a shingle hash that choose its bin (2^7 = [`HASHES`]).
const BIN_BITS: u32 = 7;
const _: () = assert!(HASHES == 1 << BIN_BITS);

/// Seeds of the bins' probe sequences: a fixed splitmix64 sequence, so signatures are the same in
/// every build and every index.
const SEEDS: [u64; HASHES] = seeds();

const fn seeds() -> [u64; HASHES] {
    let mut out = [0u64; HASHES];
    let mut state: u64 = 0x6a09_e667_f3bc_c908;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
}

/// A MinHash signature: [`HASHES`] 16-bit minima.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u16; HASHES]);

impl Signature {
    /// The signature of `text`, or None when it holds no word.
    ///
    /// One-permutation hashing: each shingle is hashed once; the top 7 bits of its hash pick one
    /// of the [`HASHES`] bins and the bin keeps the smallest rest. A bin no shingle fell into
    /// (short texts) borrows the value of a filled bin chosen by a probe sequence fixed for that
    /// bin (optimal densification, Shrivastava 2017), so two texts still agree on it with
    /// probability equal to their similarity. One hash per shingle instead of 128.
    pub fn of(text: &str) -> Option<Signature> {
        let words = word_hashes(text);
        if words.is_empty() {
            return None;
        }
        let mut bins = [u64::MAX; HASHES];
        let mut add = |shingle: u64| {
            let h = mix(shingle);
            let bin = (h >> (64 - BIN_BITS)) as usize;
            let rest = h << BIN_BITS;
            if rest < bins[bin] {
                bins[bin] = rest;
            }
        };
        if words.len() < SHINGLE_WORDS {
            add(combine(&words));
        } else {
            for w in words.windows(SHINGLE_WORDS) {
                add(combine(w));
            }
        }
        let mut out = [0u16; HASHES];
        for (i, o) in out.iter_mut().enumerate() {
            let mut value = bins[i];
            let mut attempt = 0u64;
            while value == u64::MAX {
                attempt += 1;
                let probe = mix(SEEDS[i] ^ attempt) >> (64 - BIN_BITS);
                value = bins[probe as usize];
            }
            *o = (value >> 48) as u16;
        }
        Some(Signature(out))
    }

    /// Estimated Jaccard similarity: the share of positions where both agree.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// Little-endian bytes, as stored in the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; None when the length is wrong.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != HASHES * 2 {
            return None;
        }
        let mut out = [0u16; HASHES];
        for (o, c) in out.iter_mut().zip(b.chunks_exact(2)) {
            *o = u16::from_le_bytes([c[0], c[1]]);
        }
        Some(Signature(out))
    }
}

/// A stable 64-bit hash of each lowercased word of `text`.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            out.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

/// One hash for a run of word hashes, order-sensitive.
fn combine(words: &[u64]) -> u64 {
    words.iter().fold(0x243f_6a88_85a3_08d3u64, |h, &w| {
        (h.rotate_left(23) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// A cheap 64-bit mixer (the finalizer of splitmix64): the hash functions are `mix(x ^ seed)`.
#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n).map(|i| format!("{salt}{i} ")).collect()
    }

    #[test]
    fn identical_texts_agree_everywhere_and_case_does_not_matter() {
        let a = Signature::of("The Quick brown fox, jumps over the lazy dog.").unwrap();
        let b = Signature::of("the quick BROWN fox jumps over the lazy dog").unwrap();
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn unrelated_texts_barely_agree() {
        let a = Signature::of(&words(300, "a")).unwrap();
        let b = Signature::of(&words(300, "b")).unwrap();
        assert!(a.similarity(&b) < 0.05, "{}", a.similarity(&b));
    }

    #[test]
    fn estimate_tracks_jaccard() {
        // 400 shared words then 100 different: shingle Jaccard about 396 / 604 = 0.66.
        let shared = words(400, "s");
        let a = Signature::of(&format!("{shared}{}", words(100, "x"))).unwrap();
        let b = Signature::of(&format!("{shared}{}", words(100, "y"))).unwrap();
        let s = a.similarity(&b);
        assert!((0.52..0.80).contains(&s), "{s}");
    }

    /// Short texts fill few bins; densified bins still track the similarity.
    #[test]
    fn short_texts_estimate_well() {
        // 60 words, the last 6 changed: 51 shingles of 56 + 56 - 51 = 61, Jaccard 0.84.
        let shared = words(54, "s");
        let a = Signature::of(&format!("{shared}{}", words(6, "x"))).unwrap();
        let b = Signature::of(&format!("{shared}{}", words(6, "y"))).unwrap();
        let s = a.similarity(&b);
        assert!((0.68..0.97).contains(&s), "{s}");
        let c = Signature::of(&words(60, "z")).unwrap();
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    }

    #[test]
    fn bytes_round_trip_and_empty_text() {
        let a = Signature::of("one two three").unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Signature::of(" ,.; "), None);
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }
}
