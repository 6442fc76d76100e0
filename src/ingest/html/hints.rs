//! What an element's class, id, role and itemprop say about its content: words that mark the
//! story (article, body, content, story, entry, post, text) and words that mark what surrounds
//! it (comments, related links, promotions, share buttons, navigation, bylines, captions,
//! advertising). Generic words of web page building only; no site's names.
//!
//! Not for scoring (see `score`): a hint only says which way an element leans.

use scraper::node::Element;

/// Which way an element's names lean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// Words marking the story.
    pub positive: u8,
    /// Words marking surroundings.
    pub negative: u8,
    /// Words that mark surroundings even on an element holding most of the page's prose
    /// (comments, related links, promotions); layout words such as "sidebar" or "menu" also
    /// name wrappers of whole pages.
    pub strong: bool,
    /// Names that mark the story's body outright (`itemprop="articleBody"`, `role="main"`).
    pub body: bool,
    /// Names of a byline, dateline or credit.
    pub byline: bool,
    /// Names of a caption or image credit.
    pub caption: bool,
}

impl Hint {
    /// Positive minus negative.
    pub fn lean(&self) -> i32 {
        i32::from(self.positive) - i32::from(self.negative) + if self.body { 3 } else { 0 }
    }
}

/// Parts of names marking the story, matched inside a word.
const POSITIVE: [&str; 10] = [
    "article", "body", "content", "story", "entry", "post", "text", "blog", "prose", "main",
];

/// Parts of names marking surroundings, matched inside a word.
const NEGATIVE: [&str; 45] = [
    "comment",
    "related",
    "promo",
    "share",
    "sharing",
    "social",
    "sidebar",
    "newsletter",
    "footer",
    "masthead",
    "breadcrumb",
    "banner",
    "sponsor",
    "outbrain",
    "taboola",
    "widget",
    "popup",
    "modal",
    "cookie",
    "subscribe",
    "signup",
    "advert",
    "recommend",
    "trending",
    "popular",
    "readmore",
    "read-more",
    "more-stories",
    "pagination",
    "pager",
    "toolbar",
    "menu",
    "navbar",
    "navigation",
    "skip",
    "teaser",
    "disqus",
    "follow",
    "author-bio",
    "tags",
    "keywords",
    "gallery",
    "carousel",
    "slideshow",
    "most-read",
];

/// Parts of names that mark surroundings whatever the element holds.
const STRONG: [&str; 14] = [
    "comment",
    "disqus",
    "related",
    "outbrain",
    "taboola",
    "recommend",
    "newsletter",
    "promo",
    "share",
    "sharing",
    "social",
    "more-stories",
    "most-read",
    "trending",
];

/// Whole words (between separators) marking surroundings: too short to match inside words.
const NEGATIVE_WORDS: [&str; 11] = [
    "ad", "ads", "nav", "tag", "topics", "meta", "rail", "aside", "print", "email", "hidden",
];

/// Parts of names of bylines and credits.
const BYLINE: [&str; 7] = [
    "byline",
    "author",
    "credit",
    "dateline",
    "timestamp",
    "published",
    "contributor",
];

/// Parts of names of captions.
const CAPTION: [&str; 5] = [
    "caption",
    "image-count",
    "photo-credit",
    "wp-caption",
    "legend",
];

/// Reads an element's class, id, role and itemprop.
pub fn of(e: &Element) -> Hint {
    let mut hint = Hint::default();
    if let Some(p) = e.attr("itemprop") {
        if p.eq_ignore_ascii_case("articleBody") || p.eq_ignore_ascii_case("text") {
            hint.body = true;
        }
        if p.eq_ignore_ascii_case("author") {
            hint.byline = true;
        }
    }
    if let Some(r) = e.attr("role") {
        match r.to_ascii_lowercase().as_str() {
            "main" | "article" => hint.body = true,
            "navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar"
            | "toolbar" | "dialog" | "alert" => hint.negative += 2,
            _ => {}
        }
    }
    for name in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        read(&name.to_ascii_lowercase(), &mut hint);
    }
    hint
}

fn read(names: &str, hint: &mut Hint) {
    for name in names.split_whitespace() {
        if POSITIVE.iter().any(|w| name.contains(w)) {
            hint.positive = hint.positive.saturating_add(1);
        }
        let words = || name.split(|c: char| !c.is_ascii_alphanumeric());
        if NEGATIVE.iter().any(|w| name.contains(w)) || words().any(|w| NEGATIVE_WORDS.contains(&w))
        {
            hint.negative = hint.negative.saturating_add(1);
            if STRONG.iter().any(|w| name.contains(w)) {
                hint.strong = true;
            }
        }
        if BYLINE.iter().any(|w| name.contains(w)) {
            hint.byline = true;
        }
        if CAPTION.iter().any(|w| name.contains(w)) {
            hint.caption = true;
        }
    }
}
