//! Content scoring: which element of the page holds the story. Each block is worth its text
//! when it reads like prose (long, sentences, few links) and costs when it reads like page
//! furniture (link lists, short labels); an element is worth what its blocks are worth, leaning
//! with its class and id; the element worth most wins. So candidates are compared by their text,
//! never by document order: a related-story card in the first `<article>` loses to the story.
//!
//! Not for trimming inside the chosen element (see `clean`).

use super::blocks::{Block, Kind, Page};

/// How much more an ancestor of the container must be worth to be taken instead (readability
/// joins a sibling scoring a fifth of the top candidate): a story's other half is, a teaser
/// beside it is not.
const CLIMB_GAIN: f64 = 0.2;

/// Blocks of at least this many characters, with few links, read as prose.
pub const PROSE_CHARS: usize = 80;

/// What one block says about the element holding it: its prose characters when it reads
/// like prose, a cost when it reads like furniture.
pub fn value(block: &Block) -> f64 {
    let chars = block.chars as f64;
    let density = block.link_density();
    if density > 0.5 {
        return -chars * density;
    }
    match block.kind {
        Kind::Caption => -chars * 0.5,
        // Teasers in lists read like prose too; a story's own lists are a minor part of it.
        Kind::Item if block.chars >= PROSE_CHARS => chars * (0.5 - density),
        _ if block.chars >= PROSE_CHARS && sentences(&block.text) => chars * (1.0 - density),
        Kind::Heading => 0.0,
        _ if block.chars >= PROSE_CHARS => chars * (0.5 - density),
        _ => -5.0 - chars * density,
    }
}

/// Whether a text has the punctuation of sentences.
pub fn sentences(text: &str) -> bool {
    text.contains(". ")
        || text.contains(", ")
        || text
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', ':'])
}

/// The element holding the story, or `None` when nothing on the page reads like prose.
///
/// Two steps, as readability does: first the container whose own prose is densest (a block's
/// prose counts in full for its element and that element's parent, half for the grandparent
/// and less further up, so a wrapper gathering many scattered teasers does not outweigh the
/// one element holding the story's paragraphs); then, from that container, up through the
/// parents while each adds more prose than furniture, taking the highest one that adds a fifth
/// or more (a story split into an introduction and a body, or cut by an advertisement's
/// wrapper, is gathered again; a related-story card beside it is not).
pub fn choose(page: &Page) -> Option<usize> {
    let values: Vec<f64> = page.blocks.iter().map(value).collect();
    if values.iter().all(|v| *v <= 0.0) {
        return None;
    }
    let against = against(page, &values);
    let none = vec![false; page.nodes.len()];
    // When every prose block sits under a name leaning negative, the names are not believed.
    let against = if container(page, &values, &against).is_some() {
        against
    } else {
        none
    };
    let start = container(page, &values, &against)?;
    let worth = worth(page, &values, &against);
    let mut root = start;
    let mut at = start;
    while let Some(parent) = page.nodes[at].parent {
        if worth[parent] < worth[at] {
            break;
        }
        at = parent;
        if worth[at] == worth[root] || worth[at] >= worth[root] * (1.0 + CLIMB_GAIN) {
            root = at;
        }
    }
    Some(root)
}

/// The element whose own prose scores highest: prose decays with the distance from the
/// block up to the element; the sum is weighed by the share of the element's text outside
/// links and by its names.
fn container(page: &Page, values: &[f64], against: &[bool]) -> Option<usize> {
    let mut dense = vec![0.0; page.nodes.len()];
    let mut chars = vec![0usize; page.nodes.len()];
    let mut links = vec![0usize; page.nodes.len()];
    for (block, v) in page.blocks.iter().zip(values) {
        let counted = *v > 0.0 && !page.ancestors(block.node).any(|n| against[n]);
        for (d, n) in page.ancestors(block.node).enumerate() {
            chars[n] += block.chars;
            links[n] += block.link_chars;
            if counted {
                dense[n] += match d {
                    0 | 1 => *v,
                    2 => v / 2.0,
                    _ => v / (3.0 * (d - 1) as f64),
                };
            }
        }
    }
    let mut best: Option<(usize, f64)> = None;
    // Children come after their parents: walking backwards, a parent must score strictly more
    // than its best descendant to replace it.
    for n in (0..page.nodes.len()).rev() {
        if against[n] {
            continue;
        }
        let lean = page.nodes[n].hint.lean().clamp(-2, 3);
        let density = links[n] as f64 / chars[n].max(1) as f64;
        let w = dense[n] * (1.0 - density) * (1.0 + 0.1 * f64::from(lean));
        if best.is_none_or(|(_, b)| w > b) {
            best = Some((n, w));
        }
    }
    best.filter(|(_, w)| *w > 0.0).map(|(n, _)| n)
}

/// Elements whose names say they are not the story: leaning negative, and either named
/// strongly (comments, related links, promotions) or holding less than half of the page's
/// prose (a layout wrapper named "sidebar" that holds the story is not the sidebar). The
/// body's own names describe the whole page, so they never count.
pub fn against(page: &Page, values: &[f64]) -> Vec<bool> {
    let mut held = vec![0.0; page.nodes.len()];
    for (block, v) in page.blocks.iter().zip(values) {
        if *v > 0.0 {
            for n in page.ancestors(block.node) {
                held[n] += v;
            }
        }
    }
    let prose = held.first().copied().unwrap_or(0.0);
    page.nodes
        .iter()
        .enumerate()
        .map(|(n, node)| {
            n > 0 && node.hint.lean() < 0 && (node.hint.strong || held[n] < 0.5 * prose)
        })
        .collect()
}

/// What each element's blocks are worth together, prose less furniture. Prose inside an
/// element `against` the story counts against every element holding it.
fn worth(page: &Page, values: &[f64], against: &[bool]) -> Vec<f64> {
    let mut worth = vec![0.0; page.nodes.len()];
    for (block, v) in page.blocks.iter().zip(values) {
        let v = if *v > 0.0 && page.ancestors(block.node).any(|n| against[n]) {
            -v
        } else {
            *v
        };
        for n in page.ancestors(block.node) {
            worth[n] += v;
        }
    }
    worth
}
