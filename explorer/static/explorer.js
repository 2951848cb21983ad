// The fact explorer's only script: the facts table's filters (home page) and the details
// of a highlighted figure (document pages). Plain DOM, no library, works from file://.
"use strict";

function factsTable() {
  const data = document.getElementById("facts-data");
  if (!data) return;
  const facts = JSON.parse(data.textContent);
  const selects = Array.from(document.querySelectorAll("#fact-filters select"));
  const search = document.getElementById("filter-search");
  const body = document.querySelector("#facts tbody");
  const count = document.getElementById("fact-count");
  const LIMIT = 500; // rows drawn at once; the count says how many match

  for (const select of selects) {
    const values = Array.from(new Set(facts.map(f => f[select.dataset.key]))).filter(v => v !== "").sort();
    for (const value of values) select.add(new Option(value, value));
  }
  // The filters live in the address (#indicator=jobseekers&status=flagged): a filtered view can be linked.
  const wanted = new URLSearchParams(location.hash.slice(1));
  for (const select of selects) if (wanted.has(select.dataset.key)) select.value = wanted.get(select.dataset.key);
  if (wanted.has("q")) search.value = wanted.get("q");

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function render() {
    const chosen = selects.filter(s => s.value !== "");
    const words = search.value.trim().toLowerCase();
    const matching = facts.filter(f => chosen.every(s => f[s.dataset.key] === s.value) &&
      (!words || Object.values(f).join(" ").toLowerCase().includes(words)));
    body.replaceChildren();
    for (const f of matching.slice(0, LIMIT)) {
      const row = body.insertRow();
      row.dataset.fact = f.id;
      const indicator = cell(row, "");
      const link = document.createElement("a");
      link.href = "indicators/" + f.indicator + ".html";
      link.textContent = f.indicator;
      indicator.append(link);
      cell(row, f.area); cell(row, f.segment); cell(row, f.period); cell(row, f.value, "num");
      const written = cell(row, "");
      const source = document.createElement("a");
      source.href = f.href;
      source.className = "fact-link";
      source.textContent = f.written || "(open)";
      written.append(source);
      cell(row, f.status, "status " + f.status); cell(row, f.document);
    }
    count.textContent = matching.length + " of " + facts.length + " facts" +
      (matching.length > LIMIT ? " (the first " + LIMIT + " shown)" : "");
    const state = new URLSearchParams();
    for (const s of chosen) state.set(s.dataset.key, s.value);
    if (words) state.set("q", words);
    history.replaceState(null, "", state.toString() ? "#" + state.toString() : location.pathname);
  }

  for (const select of selects) select.addEventListener("change", render);
  search.addEventListener("input", render);
  render();
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

factsTable();
figureDetails();
