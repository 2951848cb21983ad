// The fact explorer's script: the facts table's filters, search and pages (home page), the findings'
// filters, and the details of a highlighted figure (document pages). Plain DOM, works from file://.
"use strict";

// The reader's language for area names (the warehouse names each area in en, fr, nl and de).
const LANGUAGE = ["fr", "nl", "de"].includes((navigator.language || "en").slice(0, 2))
  ? navigator.language.slice(0, 2) : "en";

// Lower case without accents: "Région" is found by "region", "Elsass" by "elsass".
function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function factsTable() {
  const data = document.getElementById("facts-data");
  if (!data) return;
  const {facts, sentences, documents, areas, indicators} = JSON.parse(data.textContent);
  const selects = Array.from(document.querySelectorAll("#fact-filters select"));
  const search = document.getElementById("filter-search");
  const body = document.querySelector("#facts tbody");
  const count = document.getElementById("fact-count");
  const PAGE = 100; // rows drawn at once; the pager reaches every other one
  let page = 0;

  function areaName(code) {
    const names = areas[code] || {};
    return names[LANGUAGE] || names.en || "";
  }
  function areaLabel(code) {
    const name = areaName(code);
    return name && name !== code ? name + " (" + code + ")" : code;
  }
  // What a search looks in, per fact, folded once: its sentence, its document's title and path,
  // its area's names in every language (and the other wordings), its indicator's label.
  const haystacks = facts.map(f => {
    const doc = documents[f.doc] || {};
    return folded([f.indicator, indicators[f.indicator] || "", f.area, Object.values(areas[f.area] || {}).join(" "),
      f.segment, f.period, f.value, f.written, sentences[f.s] || "", doc.title || "", doc.path || ""].join(" \u0001 "));
  });

  for (const select of selects) {
    const key = select.dataset.key;
    const values = Array.from(new Set(facts.map(f => f[key]))).filter(v => v !== "").sort();
    for (const value of values) select.add(new Option(key === "area" ? areaLabel(value) : value, value));
  }
  // The filters live in the address (#indicator=jobseekers&status=flagged): a filtered view can be linked.
  const wanted = new URLSearchParams(location.hash.slice(1));
  for (const select of selects) if (wanted.has(select.dataset.key)) select.value = wanted.get(select.dataset.key);
  if (wanted.has("q")) search.value = wanted.get("q");
  if (wanted.has("page")) page = Math.max(0, parseInt(wanted.get("page"), 10) - 1 || 0);

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }
  function link(td, href, text, className) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    td.append(a);
  }

  let matching = facts;
  function select() {
    const chosen = selects.filter(s => s.value !== "");
    const words = folded(search.value.trim()).split(/\s+/).filter(Boolean);
    matching = facts.filter((f, i) => chosen.every(s => f[s.dataset.key] === s.value) &&
      words.every(w => haystacks[i].includes(w)));
  }

  function render() {
    const pages = Math.max(1, Math.ceil(matching.length / PAGE));
    page = Math.min(page, pages - 1);
    body.replaceChildren();
    for (const f of matching.slice(page * PAGE, (page + 1) * PAGE)) {
      const doc = documents[f.doc] || {id: "", title: ""};
      const row = body.insertRow();
      row.dataset.fact = f.id;
      link(cell(row, ""), "indicators/" + f.indicator + ".html", f.indicator);
      cell(row, areaLabel(f.area)); cell(row, f.segment); cell(row, f.period); cell(row, f.value, "num");
      const written = cell(row, "");
      link(written, "documents/" + doc.id + ".html#fact-" + f.id, f.written || "(open)", "fact-link");
      written.title = sentences[f.s] || "";
      cell(row, f.status, "status " + f.status); cell(row, doc.title);
    }
    const first = matching.length ? page * PAGE + 1 : 0;
    count.textContent = matching.length + " of " + facts.length + " facts" +
      (matching.length > PAGE ? " (" + first + "–" + Math.min(matching.length, (page + 1) * PAGE) + " shown)" : "");
    document.getElementById("page-number").textContent = "page " + (page + 1) + " of " + pages;
    document.getElementById("page-first").disabled = document.getElementById("page-previous").disabled = page === 0;
    document.getElementById("page-next").disabled = document.getElementById("page-last").disabled = page >= pages - 1;
    const state = new URLSearchParams();
    for (const s of selects) if (s.value !== "") state.set(s.dataset.key, s.value);
    if (search.value.trim()) state.set("q", search.value.trim());
    if (page) state.set("page", page + 1);
    history.replaceState(null, "", state.toString() ? "#" + state.toString() : location.pathname);
  }

  function refilter() { select(); page = 0; render(); }
  for (const s of selects) s.addEventListener("change", refilter);
  search.addEventListener("input", refilter);
  const last = () => Math.max(0, Math.ceil(matching.length / PAGE) - 1);
  for (const [id, to] of [["page-first", () => 0], ["page-previous", () => page - 1],
                          ["page-next", () => page + 1], ["page-last", last]]) {
    document.getElementById(id).addEventListener("click", () => { page = Math.max(0, Math.min(to(), last())); render(); });
  }
  select();
  render();
}

// The findings page: show only the findings of a severity, of a check.
function findingsFilters() {
  const form = document.getElementById("finding-filters");
  if (!form) return;
  const selects = Array.from(form.querySelectorAll("select"));
  const articles = Array.from(document.querySelectorAll("article.finding"));
  const count = document.getElementById("finding-count");
  const wanted = new URLSearchParams(location.hash.slice(1));
  for (const s of selects) if (wanted.has(s.dataset.key)) s.value = wanted.get(s.dataset.key);
  function render() {
    let shown = 0;
    for (const article of articles) {
      const visible = selects.every(s => !s.value || article.dataset[s.dataset.key] === s.value);
      article.hidden = !visible;
      shown += visible;
    }
    count.textContent = shown + " of " + articles.length + " findings shown";
    const state = new URLSearchParams();
    for (const s of selects) if (s.value) state.set(s.dataset.key, s.value);
    if (state.toString()) history.replaceState(null, "", "#" + state.toString());
  }
  for (const s of selects) s.addEventListener("change", render);
  if (selects.some(s => s.value)) render(); else count.textContent = articles.length + " findings shown";
}

function figureDetails() {
  const panel = document.getElementById("details");
  if (!panel) return;
  const body = document.getElementById("details-body");
  let current = [];

  function show(mark) {
    for (const element of current) element.classList.remove("current");
    current = [mark];
    const kind = {fact: "fact", flagged: "flagged fact", skipped: "figure that did not become a fact"}[mark.dataset.kind];
    body.replaceChildren();
    const title = document.createElement("b");
    title.textContent = mark.textContent + " — " + kind;
    const label = document.createElement("div");
    label.textContent = mark.dataset.label || "";
    const reason = document.createElement("div");
    reason.className = "reason";
    reason.textContent = mark.dataset.reason || "";
    body.append(title, label, reason);
    if (mark.dataset.box) {
      const box = document.getElementById(mark.dataset.box);
      if (box) {
        box.classList.add("current");
        current.push(box);
        const link = document.createElement("a");
        link.href = "#" + mark.dataset.box;
        link.textContent = "its box on the page image";
        body.append(link);
      }
    }
    for (const id of (mark.dataset.findings || "").split(" ").filter(Boolean)) {
      const link = document.createElement("a");
      link.href = "../findings.html#" + id;
      link.textContent = " finding " + id;
      body.append(document.createElement("br"), link);
    }
    mark.classList.add("current");
    panel.hidden = false;
  }

  document.addEventListener("click", event => {
    const mark = event.target.closest("mark.fig[data-label]");
    if (mark) show(mark);
  });
  document.addEventListener("keydown", event => {
    if (event.key === "Enter" && event.target.matches("mark.fig[data-label]")) show(event.target);
  });
  document.getElementById("details-close").addEventListener("click", () => { panel.hidden = true; });
  function fromAddress() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches("mark.fig[data-label]")) show(target);
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
}

// Some room on both sides of the dates, and a year at least: a single date does not stretch over years.
function xRange(xs) {
  const min = Math.min(...xs), max = Math.max(...xs), day = 86400;
  const pad = Math.max(45 * day, (max - min) * 0.05, (365 * day - (max - min)) / 2);
  return [min - pad, max + pad];
}

// An indicator page's panels, drawn by uPlot from the data each panel embeds (explorer/chart.py).
function charts() {
  if (typeof uPlot === "undefined") return;
  for (const panel of document.querySelectorAll("figure.panel")) {
    const data = JSON.parse(panel.querySelector(".chart-data").textContent);
    const target = panel.querySelector(".chart");
    const grouped = new Intl.NumberFormat(undefined, {maximumFractionDigits: 2});
    const suffix = data.suffix;  // the unit as explorer/chart.py writes it (warehouse/formatting.py)
    const series = [{}].concat(data.series.map(s => ({
      label: s.label, stroke: s.color, width: s.line ? 1.5 : 0, spanGaps: true,
      paths: s.line ? undefined : () => null,
      points: {show: true, size: s.line ? 7 : 11, fill: s.line ? s.color : "#d62728"},
      value: (u, v, si, i) => i == null || v == null ? "–" : data.series[si - 1].notes[i],
    })));
    const chart = new uPlot({
      width: Math.min(900, target.clientWidth || 900), height: 240, series,
      // Some room on both sides, and a year at least: a single date does not stretch over years.
      scales: {x: {time: true, auto: false, range: xRange(data.x)}},
      axes: [{}, {size: 90, values: (u, ticks) => ticks.map(v => grouped.format(v) + suffix)}],
      cursor: {focus: {prox: 24}},
      legend: {live: false},
    }, [data.x].concat(data.series.map(s => s.values)), target);
    // The flagged points are the red ones of their line: no legend entry of their own.
    const entries = Array.from(chart.root.querySelectorAll(".u-legend .u-series"));
    const first = entries.length - data.series.length;  // (the x series has an entry in some modes)
    entries.slice(first).forEach((entry, i) => { if (!data.series[i].line) entry.hidden = true; });
    // A click opens the figure nearest to it (pointer events: uPlot keeps "click" for its drag-zoom).
    let down = null;
    chart.over.addEventListener("pointerdown", event => { down = [event.clientX, event.clientY]; });
    chart.over.addEventListener("pointerup", event => {
      if (!down || Math.hypot(event.clientX - down[0], event.clientY - down[1]) > 4) return;  // a drag
      const box = chart.over.getBoundingClientRect();
      const i = chart.posToIdx(event.clientX - box.left);
      if (i == null || i < 0) return;
      const y = chart.posToVal(event.clientY - box.top, "y");
      let best = null;
      data.series.forEach((s, si) => {
        if (s.values[i] != null && (best === null || Math.abs(s.values[i] - y) < Math.abs(data.series[best].values[i] - y)))
          best = si;
      });
      if (best !== null) location.href = data.series[best].hrefs[i];
    });
    panel.chart = chart;
  }
}

factsTable();
findingsFilters();
charts();
figureDetails();
