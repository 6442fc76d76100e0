//! Search hits as printed: the `search --format json` contract (add keys freely, never rename
//! or remove one).

use serde::Serialize;

/// A quotation attached to a hit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct HitQuote {
    /// The quoted words.
    pub text: String,
    /// Canonical name of the speaker, or null.
    pub speaker: Option<String>,
    /// True for a direct quotation, false for a partial or scare quote.
    #[serde(default = "yes")]
    pub direct: bool,
}

fn yes() -> bool {
    true
}

/// One ranked passage. Its serialization is the `search --format json` contract:
/// add keys freely, never rename or remove one.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score (0 when sorting by date with a filter-only query).
    pub score: f32,
    /// Article id.
    pub doc_id: String,
    /// Near-duplicate cluster: the id of its earliest article (the article's own id when it has
    /// no copies).
    pub cluster: String,
    /// Number of other articles in the cluster.
    pub copies: usize,
    /// Article title.
    pub title: String,
    /// Article date (ISO) or null.
    pub date: Option<String>,
    /// Article source.
    pub source: String,
    /// Article URL.
    pub url: String,
    /// File the article came from.
    pub path: String,
    /// Line of the article in a JSON Lines file, or null.
    pub line: Option<u64>,
    /// Passage number within the article, from 0.
    pub passage: u64,
    /// Page (from 1) where the passage starts in a paged document (PDF), or null.
    pub page: Option<u64>,
    /// The whole passage text.
    pub text: String,
    /// `[start, end)` character offsets into `text` of each highlighted match.
    pub highlights: Vec<[usize; 2]>,
    /// `[start, end)` character offsets into `title` of each highlighted match.
    pub title_highlights: Vec<[usize; 2]>,
    /// Canonical names of the actors in the passage.
    pub actors: Vec<String>,
    /// Quotations in the passage with their speakers.
    pub quotes: Vec<HitQuote>,
    /// ISO values of the dates mentioned in the passage.
    pub dates: Vec<String>,
}
