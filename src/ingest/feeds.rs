//! RSS and Atom feeds: each item (RSS `<item>`, Atom `<entry>`) an article with its title, link,
//! date and the fullest of its content fields (`content:encoded`, `content`, `description`,
//! `summary`), whose HTML is reduced to text. The feed's own title is the source of items that
//! name none. Nothing in the feed is fetched or followed.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::Article;
use super::{formats, html};

/// The articles of a feed; `Err` when the text is not XML whose root is a feed.
pub fn read(xml: &str) -> Result<Vec<Article>, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut path: Vec<String> = Vec::new();
    let mut root_seen = false;
    let mut feed_title = String::new();
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if !root_seen
                    && !matches!(local(e.name().as_ref()).as_str(), "rss" | "feed" | "rdf") =>
            {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(format!(
                    "XML whose root is <{name}>, not an RSS or Atom feed, skipped"
                ));
            }
            Event::Start(e) => {
                root_seen = true;
                let name = local(e.name().as_ref());
                if matches!(name.as_str(), "item" | "entry") {
                    current = Some(Item::default());
                } else if name == "link" {
                    if let Some(item) = current.as_mut() {
                        link_attr(&e, item);
                    }
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                root_seen = true;
                if local(e.name().as_ref()) == "link" {
                    if let Some(item) = current.as_mut() {
                        link_attr(&e, item);
                    }
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml_content()
                    .map_err(|e| format!("bad text in the feed: {e}"))?;
                text.push_str(&s);
            }
            Event::CData(c) => text.push_str(&String::from_utf8_lossy(&c)),
            Event::GeneralRef(r) => {
                // Entities outside the XML five (&nbsp; in HTML descriptions) are kept as written,
                // so the HTML reduction below decodes them.
                let name = String::from_utf8_lossy(&r);
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(s) => text.push_str(s),
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    },
                }
            }
            Event::End(e) => {
                let name = local(e.name().as_ref());
                path.pop();
                let value = std::mem::take(&mut text);
                match current.as_mut() {
                    Some(item) if matches!(name.as_str(), "item" | "entry") => {
                        let _ = item;
                        items.extend(current.take());
                    }
                    Some(item) => item.set(&name, value),
                    None if name == "title" && feed_title.is_empty() => {
                        feed_title = value.trim().to_string()
                    }
                    None => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err("empty XML, not a feed, skipped".to_string());
    }
    Ok(items
        .into_iter()
        .filter_map(|item| item.into_article(&feed_title))
        .collect())
}

/// A tag name without its namespace prefix, lowercased (`content:encoded` → `encoded`).
fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    let name = name.rsplit(':').next().unwrap_or(&name);
    let name = name.to_ascii_lowercase();
    if name == "rdf" || name.starts_with("rdf") {
        "rdf".to_string()
    } else {
        name
    }
}

fn link_attr(e: &quick_xml::events::BytesStart<'_>, item: &mut Item) {
    let mut href = None;
    let mut alternate = true;
    for a in e.attributes().flatten() {
        let value = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match a.key.as_ref() {
            b"href" => href = Some(value),
            b"rel" => alternate = value == "alternate",
            _ => {}
        }
    }
    if let (Some(h), true) = (href, alternate) {
        if item.link.is_empty() {
            item.link = h;
        }
    }
}

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    id: String,
    date: String,
    author: String,
    source: String,
    /// Candidate bodies; the longest wins.
    bodies: Vec<String>,
}

impl Item {
    fn set(&mut self, name: &str, value: String) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        match name {
            "title" => self.title = v.to_string(),
            "link" if self.link.is_empty() => self.link = v.to_string(),
            "guid" | "id" => self.id = v.to_string(),
            "pubdate" | "published" | "date" | "issued" => self.date = v.to_string(),
            "updated" | "modified" if self.date.is_empty() => self.date = v.to_string(),
            "creator" | "author" | "name" if self.author.is_empty() => self.author = v.to_string(),
            "source" => self.source = v.to_string(),
            "encoded" | "content" | "description" | "summary" => self.bodies.push(v.to_string()),
            _ => {}
        }
    }

    fn into_article(self, feed_title: &str) -> Option<Article> {
        let body = self.bodies.iter().max_by_key(|b| b.len())?;
        let text = html::fragment_text(&format!("<html><body>{body}</body></html>"));
        if text.trim().is_empty() {
            return None;
        }
        Some(Article {
            id: if self.id.is_empty() {
                self.link.clone()
            } else {
                self.id
            },
            title: self.title,
            date: formats::parse_date(&self.date),
            source: if self.source.is_empty() {
                feed_title.to_string()
            } else {
                self.source
            },
            url: self.link,
            author: self.author,
            text,
            ..Article::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_descriptions() {
        let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title>
<item><title>Officials meet</title><link>https://example.org/a</link>
<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>&lt;p&gt;Short &amp;amp; sweet.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>The board met <b>twice</b>.</p><script>alert(1)</script><p>It signed the report.</p>]]></content:encoded>
</item>
<item><title>No body</title><link>https://example.org/b</link></item>
</channel></rss>"#;
        let got = read(rss).unwrap();
        assert_eq!(got.len(), 1);
        let a = &got[0];
        assert_eq!(a.title, "Officials meet");
        assert_eq!(a.url, "https://example.org/a");
        assert_eq!(a.id, "https://example.org/a");
        assert_eq!(a.source, "Example Wire");
        assert_eq!(a.date.unwrap().to_string(), "2003-06-10");
        assert!(
            a.text.contains("The board met twice.") && a.text.contains("It signed the report."),
            "{}",
            a.text
        );
        assert!(!a.text.contains("alert"), "{}", a.text);
    }

    #[test]
    fn atom_entries_and_non_feeds() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Post</title><id>tag:example.org,2021:1</id>
<link rel="alternate" href="https://example.org/post"/><updated>2021-03-16T10:00:00Z</updated>
<summary>Short.</summary><content type="html">&lt;p&gt;The whole post text.&lt;/p&gt;</content></entry></feed>"#;
        let got = read(atom).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].url, "https://example.org/post");
        assert_eq!(got[0].id, "tag:example.org,2021:1");
        assert_eq!(got[0].date.unwrap().to_string(), "2021-03-16");
        assert_eq!(got[0].text.trim(), "The whole post text.");
        assert!(read("<html><body>x</body></html>")
            .unwrap_err()
            .contains("not an RSS or Atom feed"));
        assert!(
            read("<rss><channel><item>").is_err()
                || read("<rss><channel><item>").unwrap().is_empty()
        );
    }
}
