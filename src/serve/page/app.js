// dossier's page. Everything from the index is untrusted web text: it reaches the DOM through
// textContent only (never innerHTML), highlights are cut from character offsets, and a link is
// made from a `url` only when it is http or https.
//
// The state lives in the URL (q, actor, speaker, since, until, mentions, quotes, page, tab,
// article, passage): every change pushes a history entry, back and forward re-render from it.
"use strict";

const PAGE_SIZE = 20;
const FILTER_KEYS = ["actor", "speaker", "source", "mentions"];
const $ = (id) => document.getElementById(id);

// ---- state <-> URL ----

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    actor: p.getAll("actor"),
    speaker: p.getAll("speaker"),
    source: p.getAll("source"),
    mentions: p.getAll("mentions"),
    since: p.get("since") || "",
    until: p.get("until") || "",
    quotes: p.get("quotes") === "1",
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
    tab: ["hits", "quotes", "article"].includes(p.get("tab")) ? p.get("tab") : "hits",
    article: p.get("article") || "",
    passage: p.get("passage") || "",
  };
}

function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const k of FILTER_KEYS) for (const v of s[k]) p.append(k, v);
  if (s.since) p.set("since", s.since);
  if (s.until) p.set("until", s.until);
  if (s.quotes) p.set("quotes", "1");
  if (s.page > 1) p.set("page", String(s.page));
  if (s.tab !== "hits") p.set("tab", s.tab);
  if (s.tab === "article") {
    p.set("article", s.article);
    if (s.passage !== "") p.set("passage", s.passage);
  }
  return p;
}

// The API parameters of the search part of a state (query and filters).
function apiParams(s) {
  const p = new URLSearchParams();
  p.set("q", s.q || "*");
  for (const k of FILTER_KEYS) for (const v of s[k]) p.append(k, v);
  if (s.since) p.set("since", s.since);
  if (s.until) p.set("until", s.until);
  if (s.quotes) p.set("quotes", "1");
  return p;
}

function go(change) {
  const s = Object.assign(readState(), change);
  const qs = stateQuery(s).toString();
  history.pushState(null, "", qs ? "/?" + qs : "/");
  render();
}

function active(s) {
  return s.q !== "" || FILTER_KEYS.some((k) => s[k].length) || s.since || s.until || s.quotes;
}

// ---- DOM helpers (text only) ----

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// `text` with the [start, end) character (code point) ranges of `spans` in <mark>.
function marked(text, spans) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(text || "");
  let at = 0;
  const sorted = (spans || []).slice().sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start < at || end > chars.length || end <= start) continue;
    if (start > at) frag.appendChild(document.createTextNode(chars.slice(at, start).join("")));
    frag.appendChild(el("mark", "", chars.slice(start, end).join("")));
    at = end;
  }
  if (at < chars.length) frag.appendChild(document.createTextNode(chars.slice(at).join("")));
  return frag;
}

// A link to `url` when it is http(s); otherwise nothing.
function safeLink(url, label) {
  let u;
  try {
    u = new URL(url);
  } catch (_) {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  const a = el("a", "out", label);
  a.href = u.href;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  return a;
}

function chip(kind, value, onClick) {
  const b = el("button", "chip chip-" + kind, value);
  b.type = "button";
  b.title = "Filter by " + kind + " " + value;
  b.dataset.kind = kind;
  b.dataset.value = value;
  b.addEventListener("click", onClick);
  return b;
}

function addFilter(kind, value) {
  const s = readState();
  if (!s[kind].includes(value)) s[kind] = s[kind].concat([value]);
  go({ [kind]: s[kind], page: 1, tab: s.tab === "article" ? "hits" : s.tab });
}

async function api(path, params) {
  const url = params ? path + "?" + params.toString() : path;
  const r = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  let body;
  try {
    body = await r.json();
  } catch (_) {
    throw new Error("the server answered " + r.status + " without JSON");
  }
  if (!r.ok) throw new Error(body && body.error ? body.error : "error " + r.status);
  return body;
}

// ---- rendering ----

let generation = 0;

async function render() {
  const my = ++generation;
  const s = readState();
  document.body.dataset.state = "loading";
  $("q").value = s.q;
  $("since").value = s.since;
  $("until").value = s.until;
  $("quotes-only").checked = s.quotes;
  document.title = s.q ? s.q + " — dossier" : "dossier";
  renderChips(s);
  for (const t of ["hits", "quotes"]) $("tab-" + t).setAttribute("aria-selected", String(s.tab === t));
  document.body.dataset.tab = s.tab;
  document.body.dataset.active = active(s) ? "1" : "0";
  $("status").textContent = "";
  const jobs = [];
  if (s.tab === "article") {
    jobs.push(renderArticle(s, my));
  } else if (!active(s)) {
    clear($("hits"));
    clear($("quotes"));
    $("pager").hidden = true;
    for (const by of ["actor", "speaker", "source"]) clear($("facet-" + by));
    clear($("timeline"));
    $("timeline-note").textContent = "";
    $("status").textContent = "Type a query and press Enter; * matches every passage.";
  } else {
    jobs.push(s.tab === "quotes" ? renderQuotes(s, my) : renderHits(s, my));
    for (const by of ["actor", "speaker", "source"]) jobs.push(renderFacet(s, by, my));
    jobs.push(renderTimeline(s, my));
  }
  const results = await Promise.allSettled(jobs);
  if (my !== generation) return;
  const failed = results.find((r) => r.status === "rejected");
  if (failed) {
    $("status").textContent = failed.reason.message;
    $("status").className = "error";
  } else {
    $("status").className = "";
  }
  document.body.dataset.state = "ready";
}

function renderChips(s) {
  const box = clear($("chips"));
  const remove = (label, change) => {
    const b = el("button", "chip chip-remove", label + " ×");
    b.type = "button";
    b.title = "Remove this filter";
    b.addEventListener("click", () => go(Object.assign({ page: 1 }, change)));
    box.appendChild(b);
  };
  for (const k of FILTER_KEYS) {
    for (const v of s[k]) remove(k + ": " + v, { [k]: s[k].filter((x) => x !== v) });
  }
  if (s.since) remove("from " + s.since, { since: "" });
  if (s.until) remove("to " + s.until, { until: "" });
  if (s.quotes) remove("with quotes", { quotes: false });
}

function renderStats(st) {
  const dl = clear($("stats"));
  const row = (k, v) => {
    dl.appendChild(el("dt", "", k));
    dl.appendChild(el("dd", "", v));
  };
  row("articles", st.articles.toLocaleString());
  row("passages", st.passages.toLocaleString());
  row("actors", st.actors.toLocaleString());
  row("dates", (st.first_date || "–") + " … " + (st.last_date || "–"));
  window.dossierStats = st;
}

async function renderHits(s, my) {
  const p = apiParams(s);
  p.set("limit", String(PAGE_SIZE));
  p.set("offset", String((s.page - 1) * PAGE_SIZE));
  const page = await api("/api/search", p);
  if (my !== generation) return;
  const list = clear($("hits"));
  list.start = (s.page - 1) * PAGE_SIZE + 1;
  for (const h of page.hits) list.appendChild(hitItem(h, s));
  clear($("quotes"));
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  $("pager").hidden = page.total <= PAGE_SIZE;
  $("prev").disabled = s.page <= 1;
  $("next").disabled = s.page >= pages;
  $("page").textContent = "page " + s.page + " of " + pages;
  $("status").textContent =
    page.total === 0
      ? "No passage matches."
      : page.total.toLocaleString() + (page.total === 1 ? " matching passage" : " matching passages");
}

function hitItem(h, s) {
  const li = el("li", "hit");
  li.dataset.docId = h.doc_id;
  const title = el("button", "title");
  title.type = "button";
  title.appendChild(marked(h.title || h.doc_id, h.title_highlights));
  title.addEventListener("click", () =>
    go({ tab: "article", article: h.doc_id, passage: String(h.passage) })
  );
  li.appendChild(el("h3")).appendChild(title);
  const meta = el("p", "meta");
  const bits = [h.date || "undated", h.source].filter(Boolean);
  if (h.page) bits.push("p. " + h.page);
  if (h.copies) bits.push(h.copies + (h.copies === 1 ? " copy" : " copies"));
  meta.textContent = bits.join(" · ");
  const link = safeLink(h.url, "source");
  if (link) {
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(link);
  }
  li.appendChild(meta);
  li.appendChild(el("p", "text")).appendChild(marked(h.text, h.highlights));
  const chips = el("div", "hit-chips");
  for (const a of h.actors) chips.appendChild(chip("actor", a, () => addFilter("actor", a)));
  if (h.actors.length) li.appendChild(chips);
  for (const q of h.quotes) li.appendChild(quoteLine(q.text, q.speaker));
  return li;
}

function quoteLine(text, speaker) {
  const p = el("p", "quote");
  p.appendChild(el("q", "", text));
  if (speaker) {
    p.appendChild(document.createTextNode(" — "));
    p.appendChild(chip("speaker", speaker, () => addFilter("speaker", speaker)));
  }
  return p;
}

async function renderQuotes(s, my) {
  const p = apiParams(s);
  p.set("limit", "200");
  const page = await api("/api/quotes", p);
  if (my !== generation) return;
  clear($("hits"));
  $("pager").hidden = true;
  const list = clear($("quotes"));
  for (const q of page.quotes) {
    const li = el("li", "quote-row");
    li.appendChild(quoteLine(q.text, q.speaker));
    const meta = el("p", "meta");
    const open = el("button", "linkish", q.title || q.doc_id);
    open.type = "button";
    open.addEventListener("click", () => go({ tab: "article", article: q.doc_id, passage: "" }));
    meta.appendChild(document.createTextNode([q.date || "undated", q.source].filter(Boolean).join(" · ") + " · "));
    meta.appendChild(open);
    if (q.copies) meta.appendChild(document.createTextNode(" · " + q.copies + " copies"));
    li.appendChild(meta);
    list.appendChild(li);
  }
  $("status").textContent = page.quotes.length ? page.quotes.length + " quotations" : "No quotation matches.";
}

async function renderFacet(s, by, my) {
  const p = apiParams(s);
  p.set("by", by);
  p.set("top", "12");
  const page = await api("/api/facets", p);
  if (my !== generation) return;
  const list = clear($("facet-" + by));
  for (const f of page.facets) {
    const li = el("li");
    const b = el("button", "facet", f.value);
    b.type = "button";
    b.dataset.value = f.value;
    b.title = "Only passages with " + by + " " + f.value;
    b.addEventListener("click", () => addFilter(by, f.value));
    li.appendChild(b);
    li.appendChild(el("span", "count", f.articles.toLocaleString()));
    list.appendChild(li);
  }
  if (!page.facets.length) list.appendChild(el("li", "note", "none"));
}

// The period the timeline counts by: years over long spans, days over short ones.
function granularity(s) {
  const st = window.dossierStats || {};
  const from = s.since || st.first_date || "";
  const to = s.until || st.last_date || "";
  const a = Date.parse(from.length === 4 ? from + "-01-01" : from.length === 7 ? from + "-01" : from);
  const b = Date.parse(to.length === 4 ? to + "-12-31" : to.length === 7 ? to + "-28" : to);
  if (isNaN(a) || isNaN(b)) return "month";
  const days = (b - a) / 86400000;
  return days > 6 * 366 ? "year" : days > 92 ? "month" : "day";
}

async function renderTimeline(s, my) {
  const by = granularity(s);
  const p = apiParams(s);
  p.set("by", by);
  const page = await api("/api/timeline", p);
  if (my !== generation) return;
  const box = clear($("timeline"));
  const points = page.points;
  const max = Math.max(1, ...points.map((x) => x.articles));
  const cut = by === "year" ? 4 : by === "month" ? 7 : 10;
  for (const pt of points) {
    const period = pt.period.slice(0, cut);
    const bar = el("button", "bar");
    bar.type = "button";
    bar.dataset.period = period;
    bar.title = period + ": " + pt.articles + " articles, " + pt.passages + " passages";
    bar.setAttribute("aria-label", bar.title);
    const fill = el("span", "fill");
    fill.style.height = Math.max(pt.articles ? 4 : 0, Math.round((100 * pt.articles) / max)) + "%";
    bar.appendChild(fill);
    bar.addEventListener("click", () => go({ since: period, until: period, page: 1 }));
    box.appendChild(bar);
  }
  $("timeline-note").textContent = points.length
    ? points[0].period.slice(0, cut) + " … " + points[points.length - 1].period.slice(0, cut) + " (by " + by + ")"
    : "";
}

async function renderArticle(s, my) {
  clear($("hits"));
  clear($("quotes"));
  $("pager").hidden = true;
  const box = clear($("article"));
  const a = await api("/api/article/" + encodeURIComponent(s.article));
  if (my !== generation) return;
  const back = el("button", "back", "← Back");
  back.type = "button";
  back.addEventListener("click", () => history.back());
  box.appendChild(back);
  box.appendChild(el("h2", "", a.title || a.id));
  const meta = el("p", "meta", [a.date || "undated", a.source, a.author].filter(Boolean).join(" · "));
  const link = safeLink(a.url, "source");
  if (link) {
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(link);
  }
  box.appendChild(meta);
  const chars = Array.from(a.text || "");
  const wanted = s.passage === "" ? -1 : parseInt(s.passage, 10);
  let matched = null;
  (a.passages || []).forEach((ps, i) => {
    const p = el("p", "passage", chars.slice(ps.start, ps.end).join(""));
    p.dataset.passage = String(i);
    if (i === wanted) {
      p.classList.add("matched");
      matched = p;
    }
    box.appendChild(p);
  });
  const speakers = [...new Set((a.quotes || []).map((q) => q.speaker).filter(Boolean))];
  if (speakers.length) {
    const chips = el("div", "hit-chips");
    chips.appendChild(el("span", "note", "Quoted: "));
    for (const sp of speakers) chips.appendChild(chip("speaker", sp, () => addFilter("speaker", sp)));
    box.appendChild(chips);
  }
  $("status").textContent = "";
  if (matched) matched.scrollIntoView({ block: "center" });
  else window.scrollTo(0, 0);
}

// ---- wiring ----

function init() {
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    go({ q: $("q").value.trim(), page: 1, tab: readState().tab === "quotes" ? "quotes" : "hits" });
  });
  $("dates").addEventListener("submit", (e) => {
    e.preventDefault();
    go({ since: $("since").value.trim(), until: $("until").value.trim(), page: 1 });
  });
  $("quotes-only").addEventListener("change", (e) => go({ quotes: e.target.checked, page: 1 }));
  $("prev").addEventListener("click", () => go({ page: readState().page - 1 }));
  $("next").addEventListener("click", () => go({ page: readState().page + 1 }));
  for (const t of ["hits", "quotes"]) $("tab-" + t).addEventListener("click", () => go({ tab: t, page: 1 }));
  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      $("q").focus();
      $("q").select();
    }
  });
  window.addEventListener("popstate", render);
  api("/api/stats")
    .then(renderStats)
    .catch((e) => ($("status").textContent = e.message))
    .finally(render);
}

document.addEventListener("DOMContentLoaded", init);
