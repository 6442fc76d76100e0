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
