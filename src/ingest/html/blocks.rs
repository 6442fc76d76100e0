//! The page flattened into text blocks: each paragraph-level run of text with the element that
//! holds it, how much of it is link text, and what kind of block it is. Elements are kept as a
//! flat table of nodes (parent, tag, class and id hints) so that scoring can sum block text up
//! the tree without walking the DOM again.
//!
//! Not for deciding what is main text (see `score` and `clean`). Nothing of the page is
//! interpreted beyond parsing: attributes are only read as words.

use scraper::node::Element;
use scraper::{ElementRef, Html, Node as DomNode};

use super::hints::{self, Hint};

/// Elements whose content is never article text.
const SKIP: [&str; 22] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "template", "svg", "iframe",
    "button", "select", "option", "textarea", "input", "canvas", "object", "embed", "video",
    "audio", "map", "dialog",
];

/// Nesting depth past which elements get no node of their own: real pages nest a few dozen
/// levels; a hostile page nesting thousands would make scoring quadratic.
const MAX_DEPTH: usize = 256;

/// Elements that end a paragraph.
const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "form",
];

/// One element of the page that holds text (skipped elements are not kept).
#[derive(Debug, Clone)]
pub struct Node {
    /// The enclosing kept element; `None` for the walk's root (`<body>`).
    pub parent: Option<usize>,
    /// What its class, id and role say about its content.
    pub hint: Hint,
}

/// What kind of paragraph a block is, from the block element that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A paragraph or any other run of text.
    #[default]
    Text,
    /// A heading (`h1`–`h6`).
    Heading,
    /// A list item, definition or table cell.
    Item,
    /// A caption (`figcaption`, or any text inside a `figure`).
    Caption,
    /// Preformatted text or a quotation block.
    Quote,
}

/// One paragraph-level run of text.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, spaces collapsed; a line break (`<br>`) is a newline, two or more in a row
    /// a blank line.
    pub text: String,
    /// Characters of `text` (spaces included).
    pub chars: usize,
    /// Characters of `text` that sit inside links (spaces not counted).
    pub link_chars: usize,
    /// The innermost kept element holding it (an index into [`Page::nodes`]).
    pub node: usize,
    /// The kind of the innermost block element holding it.
    pub kind: Kind,
}

impl Block {
    /// The share of the text inside links, 0 to 1.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// The page as nodes and blocks in document order.
#[derive(Debug, Default)]
pub struct Page {
    /// Kept elements in document order; a node's parent always comes before it.
    pub nodes: Vec<Node>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
}

impl Page {
    /// The chain of nodes from `node` up to the root, `node` first.
    pub fn ancestors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(node), |&n| self.nodes[n].parent)
    }

    /// Whether `node` is `ancestor` or lies inside it.
    pub fn within(&self, node: usize, ancestor: usize) -> bool {
        // Parents come before children, so the climb can stop once it passes `ancestor`.
        self.ancestors(node)
            .take_while(|&n| n >= ancestor)
            .any(|n| n == ancestor)
    }
}

/// One step of the walk.
enum Step<'a> {
    /// An element to enter, with its parent node and whether it sits in a link or a figure.
    Enter(ElementRef<'a>, Option<usize>, bool, bool),
    /// A text node, and whether it sits in a link.
    Text(&'a str, bool),
    /// The end of an element: whether it was a block element.
    Leave(bool),
}

/// Flattens the `<body>` (or the whole document when it has none) into blocks. The walk keeps
/// its own stack, so a deeply nested hostile page cannot exhaust the thread's stack.
pub fn flatten(doc: &Html) -> Page {
    let body = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or_else(|| doc.root_element());
    let mut page = Page::default();
    let mut current = Current::default();
    let mut stack = vec![Step::Enter(body, None, false, false)];
    // The innermost kept element and block kind at each open level, restored when leaving.
    let mut open: Vec<(usize, Kind)> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t, in_link) => current.push(t, in_link),
            Step::Leave(block) => {
                if block {
                    current.flush(&mut page);
                }
                open.pop();
                if let Some(&(node, kind)) = open.last() {
                    current.node = node;
                    current.kind = kind;
                }
            }
            Step::Enter(el, parent, in_link, in_figure) => {
                let e = el.value();
                let tag = e.name();
                if SKIP.contains(&tag) || hidden(e) {
                    continue;
                }
                if tag == "br" {
                    current.line_break();
                    continue;
                }
                if tag == "hr" {
                    current.flush(&mut page);
                    continue;
                }
                let block = BLOCKS.contains(&tag);
                if block {
                    current.flush(&mut page);
                }
                // Past MAX_DEPTH an element joins its parent's node, which bounds every climb
                // up the tree (scoring climbs once per block).
                let id = match parent {
                    Some(p) if open.len() >= MAX_DEPTH => p,
                    _ => {
                        page.nodes.push(Node {
                            parent,
                            hint: hints::of(e),
                        });
                        page.nodes.len() - 1
                    }
                };
                let in_figure = in_figure || tag == "figure";
                let kind = if block {
                    kind_of(tag, in_figure)
                } else {
                    current.kind
                };
                open.push((id, kind));
                current.node = id;
                current.kind = kind;
                let in_link = in_link || tag == "a";
                stack.push(Step::Leave(block));
                let children: Vec<_> = el.children().collect();
                for child in children.into_iter().rev() {
                    match child.value() {
                        DomNode::Text(t) => stack.push(Step::Text(t, in_link)),
                        DomNode::Element(_) => {
                            if let Some(child) = ElementRef::wrap(child) {
                                stack.push(Step::Enter(child, Some(id), in_link, in_figure));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    current.flush(&mut page);
    page
}

fn kind_of(tag: &str, in_figure: bool) -> Kind {
    match tag {
        _ if in_figure => Kind::Caption,
        "figcaption" => Kind::Caption,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "li" | "dt" | "dd" | "td" | "th" => Kind::Item,
        "blockquote" | "pre" => Kind::Quote,
        _ => Kind::Text,
    }
}

/// Elements the page itself hides from readers.
fn hidden(e: &Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The block being gathered.
#[derive(Default)]
struct Current {
    text: String,
    link_chars: usize,
    node: usize,
    kind: Kind,
    /// Whether the text ends in a space or line break (or is empty): further spaces are dropped.
    space: bool,
}

impl Current {
    fn push(&mut self, raw: &str, in_link: bool) {
        for c in raw.chars() {
            if c.is_whitespace() {
                if !self.space && !self.text.is_empty() {
                    self.text.push(' ');
                    self.space = true;
                }
            } else {
                self.text.push(c);
                self.space = false;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    /// A `<br>`: a newline, or a blank line after another one.
    fn line_break(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
        }
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        self.text.push('\n');
        self.space = true;
    }

    fn flush(&mut self, page: &mut Page) {
        let text = self.text.trim_end();
        if !text.is_empty() && !page.nodes.is_empty() {
            page.blocks.push(Block {
                text: text.to_string(),
                chars: text.chars().count(),
                link_chars: self.link_chars,
                node: self.node,
                kind: self.kind,
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.space = false;
    }
}
