//! The HTML reader on hand-written pages: the story's paragraphs come out, the page's
//! furniture does not.

use super::*;
use crate::extract::types::CivilDate;

#[test]
fn main_text_without_chrome() {
    let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="The story">
            <meta property="article:published_time" content="2020-10-21T08:00:00Z">
            <script>var x = "not text";</script><style>p{}</style></head>
            <body><nav>Home News</nav><article><h1>The story</h1>
            <p>First   paragraph <b>bold</b>.</p><p>Second.</p><aside>Ad</aside></article>
            <footer>Copyright</footer></body></html>"#;
    let a = article(page);
    assert_eq!(a.title, "The story");
    assert_eq!(a.date, CivilDate::new(2020, 10, 21));
    assert_eq!(a.text, "The story\n\nFirst paragraph bold.\n\nSecond.");
}

#[test]
fn scripts_only_page_has_no_text() {
    let a = article("<html><script>alert(1)</script><style>b{}</style></html>");
    assert_eq!(a.text, "");
}

/// Story paragraphs of the fixtures: prose long enough to read as such.
const STORY: [&str; 4] = [
    "The harbour authority voted on Tuesday to close the eastern pier for repairs, citing cracks found during a routine inspection in the spring.",
    "Engineers said the work would take about eight months and cost roughly four million euros, to be shared between the city and the port operator.",
    "Fishing crews who moor at the pier will be moved to the western basin, which the authority says has room for forty boats during the works.",
    "The council will review the schedule in March, when the contractor is expected to report on the state of the pier's foundations.",
];

fn story_html() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// Every story paragraph is in the text, none of the clutter is.
fn check(text: &str, clutter: &[&str]) {
    for p in STORY {
        assert!(
            text.contains(p),
            "missing story paragraph {p:?} in {text:?}"
        );
    }
    for c in clutter {
        assert!(!text.contains(c), "clutter {c:?} kept in {text:?}");
    }
    assert!(
        text.split("\n\n").count() >= STORY.len(),
        "paragraphs not separated: {text:?}"
    );
}

#[test]
fn a_related_story_card_in_the_first_article_loses_to_the_story() {
    let page = format!(
        r#"<html><body>
        <article class="card"><h3><a href="/other">Mayor opens new library wing</a></h3>
        <p>The new wing adds reading rooms and a café, the mayor said at the opening on Friday.</p></article>
        <article><h1>Pier to close</h1>{}</article>
        </body></html>"#,
        story_html()
    );
    let a = article(&page);
    check(&a.text, &["Mayor opens", "reading rooms"]);
}

#[test]
fn an_empty_main_does_not_hide_the_story() {
    let page = format!(
        r#"<html><body><main></main><div class="wrapper"><div class="story-body">{}</div></div>
        <div class="copyright">All rights reserved, Example Media Group.</div></body></html>"#,
        story_html()
    );
    let a = article(&page);
    check(&a.text, &["All rights reserved"]);
}

#[test]
fn menus_topic_lists_and_footers_built_from_divs_are_left_out() {
    let links = |words: &[&str]| -> String {
        words
            .iter()
            .map(|w| format!("<li><a href=\"/{w}\">{w}</a></li>"))
            .collect()
    };
    let page = format!(
        r#"<html><body>
        <div class="top"><ul>{}</ul></div>
        <div class="main-column"><h1>Pier to close</h1>{}</div>
        <div class="topics"><div>Topics</div><ul>{}</ul></div>
        <div class="site-footer"><p>About us</p><p>Contact</p><p><a href="/terms">Terms of use and privacy policy of the website</a></p></div>
        </body></html>"#,
        links(&["Home", "World", "Business", "Sport", "Culture"]),
        story_html(),
        links(&["Harbours", "Infrastructure", "City council"]),
    );
    let a = article(&page);
    check(
        &a.text,
        &[
            "Home",
            "Business",
            "Topics",
            "Harbours",
            "About us",
            "Terms of use",
        ],
    );
}

#[test]
fn bylines_captions_counters_and_share_blocks_inside_the_story_are_left_out() {
    let page = format!(
        r#"<html><body><article>
        <h1>Pier to close</h1>
        <div class="byline">By Ana Lopes, harbour correspondent</div>
        <div class="share-tools"><a href="/fb">Facebook</a> <a href="/tw">Twitter</a> Share this article</div>
        <figure><img src="pier.jpg"><figcaption>The eastern pier seen from the harbour office. Photo: Example Agency</figcaption></figure>
        <div class="gallery-counter">1 of 12</div>
        <div class="article-body">{}
        <div class="related-links"><h4>Related</h4><ul><li><a href="/a">Ferry timetable changes for the winter season</a></li></ul></div>
        </div></article></body></html>"#,
        story_html()
    );
    let a = article(&page);
    check(
        &a.text,
        &[
            "By Ana Lopes",
            "Share this",
            "Facebook",
            "Photo: Example Agency",
            "1 of 12",
            "Ferry timetable",
            "Related",
        ],
    );
}

#[test]
fn a_comment_thread_longer_than_the_story_is_not_the_story() {
    let comment = "I have moored at that pier for twenty years and it has needed work for most of them, so this is welcome news for all of us.";
    let comments: String = (0..8)
        .map(|i| {
            format!(
                r#"<li class="comment"><div class="comment-body"><p>{comment} ({i})</p></div></li>"#
            )
        })
        .collect();
    let page = format!(
        r#"<html><body><div class="post">{}</div><div id="comments"><ol>{comments}</ol></div></body></html>"#,
        story_html()
    );
    let a = article(&page);
    check(&a.text, &["moored at that pier"]);
}

#[test]
fn short_sentences_between_paragraphs_stay_and_line_breaks_are_kept() {
    let page = format!(
        r#"<html><body><div>{}<p>"We will manage," one skipper said.</p>{}<p>Timetable:<br>March: survey<br>May: repairs</p>{}</div></body></html>"#,
        format_args!("<p>{}</p>", STORY[0]),
        format_args!("<p>{}</p><p>{}</p>", STORY[1], STORY[2]),
        format_args!("<p>{}</p>", STORY[3]),
    );
    let a = article(&page);
    check(&a.text, &[]);
    for kept in [
        "\"We will manage,\" one skipper said.",
        "Timetable:\nMarch: survey\nMay: repairs",
    ] {
        assert!(a.text.contains(kept), "{kept:?} missing in {:?}", a.text);
    }
}

#[test]
fn hidden_elements_are_not_text() {
    let page = format!(
        r#"<html><body><div>{}<p hidden>Secret draft paragraph that the page never shows to its readers at all.</p>
        <div style="display: none">Another hidden block of text that readers never see on the page.</div></div></body></html>"#,
        story_html()
    );
    check(&article(&page).text, &["Secret draft", "Another hidden"]);
}

#[test]
fn deeply_nested_pages_do_not_exhaust_the_stack() {
    let depth = 20_000;
    let page = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(depth),
        STORY[0],
        "</div>".repeat(depth)
    );
    assert_eq!(article(&page).text, STORY[0]);
}
