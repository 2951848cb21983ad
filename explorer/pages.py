"""The explorer's four kinds of page, as HTML strings: home, document, indicator, findings.

Links are relative (`documents/<id>.html#fact-<fact_id>`), so the site works
from disk as well as served. A fact's first statement is the mark
`#fact-<fact_id>`; its other statements are `#m-<mention_id>`; on a PDF page
image, the box of a statement is `#box-<mention_id>`.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from html import escape

from explorer.chart import indicator_chart
from explorer.data import Corpus
from explorer.highlight import Mark, highlighted, without_overlaps
from explorer.pdf_pages import PageImage
from warehouse.formatting import format_period, format_value

LEGEND = ('<p class="legend"><mark class="fig fact">fact</mark> <mark class="fig flagged">flagged fact</mark> '
          '<mark class="fig skipped">figure that did not become a fact</mark>{note}</p>')


def fact_label(fact: dict, indicator_labels: dict[str, str]) -> str:
    """What a fact says, in one line: indicator, area, segment, period, value.

    >>> fact_label({"indicator": "unemployment_rate", "area": "FR-HDF", "segment": None, "value": 9.2,
    ...             "unit": "percent", "period_start": None, "period_end": None, "qualifier": "approx"},
    ...            {"unemployment_rate": "Unemployment rate"})
    'Unemployment rate · FR-HDF · undated · about 9.2 %'
    """
    parts = [indicator_labels.get(fact["indicator"], fact["indicator"]), fact.get("area") or "no area",
             fact.get("segment"), format_period(fact.get("period_start"), fact.get("period_end")),
             format_value(fact["value"], fact.get("unit"), fact.get("qualifier"))]
    return " · ".join(p for p in parts if p)


def layout(title: str, body: str, root: str = "", charts: bool = False) -> str:
    """A whole page; `root` is the way back to the site's top ('' or '../'); `charts` loads the chart
    library (shipped in static/, as everything the pages use)."""
    library = (f'<link rel="stylesheet" href="{root}static/uPlot.min.css">\n'
               f'<script src="{root}static/uPlot.iife.min.js"></script>\n') if charts else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · fact explorer</title>
<link rel="stylesheet" href="{root}static/explorer.css">
{library}</head>
<body>
<nav><a href="{root}index.html">Facts</a> <a href="{root}findings.html">Findings</a></nav>
<main>
{body}
</main>
<script src="{root}static/explorer.js"></script>
</body>
</html>
"""


def table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """An HTML table; the cells are HTML already."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def document_href(document_id: str, anchor: str = "", root: str = "") -> str:
    return f"{root}documents/{document_id}.html" + (f"#{anchor}" if anchor else "")


def fact_href(fact: dict, root: str = "") -> str:
    return document_href(fact["document_id"], f"fact-{fact['fact_id']}", root)


def embedded_json(element_id: str, data) -> str:
    """Data for the page's script, safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, default=str).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def home_page(corpus: Corpus) -> str:
    flagged = sum(f["status"] == "flagged" for f in corpus.facts)
    skipped = (str(len(corpus.skipped_figures)) if corpus.has_figures
               else '<span class="note">no <code>figures</code> table in this warehouse</span>')
    counts = [("documents", len(corpus.documents)), ("facts", f"{len(corpus.facts)} ({flagged} flagged)"),
              ("figures that did not become facts", skipped),
              ("findings", f'<a href="findings.html">{len(corpus.findings)}</a>'),
              ("document errors", len(corpus.errors))]
    summary = "".join(f'<div class="count"><b>{value}</b>{escape(label)}</div>' for label, value in counts)
    by_language = table(["language", "format", "documents", "facts"],
                        [[escape(r["language"] or "?"), escape(r["format"] or "?"), str(r["documents"]),
                          str(r["facts"])] for r in corpus.by_language_format])
    per_indicator = Counter(f["indicator"] for f in corpus.facts)
    indicators = table(["indicator", "label", "facts"], [
        [f'<a href="indicators/{escape(code)}.html">{escape(code)}</a>',
         escape(corpus.indicator_labels.get(code, "")), str(n)] for code, n in sorted(per_indicator.items())])
    documents = table(["document", "language", "format", "pages", "facts", "flagged", "not facts"], [
        [f'<a href="{document_href(d["document_id"])}">{escape(d["title"] or d["source_path"])}</a>'
         f'<br><small>{escape(d["source_path"])}</small>', escape(d["language"] or ""), escape(d["format"] or ""),
         str(d["page_count"] or ""), str(d["facts"]), str(d["flagged"]),
         str(d["skipped"]) if corpus.has_figures else "–"] for d in corpus.documents])
    errors = table(["file", "stage", "reason"], [[escape(e["source_path"]), escape(e["stage"]), escape(e["reason"])]
                                                 for e in corpus.errors]) if corpus.errors else "<p>None.</p>"
    skip_reasons = ""
    if corpus.has_figures:
        reasons = Counter(f["skip_reason"] or "no reason given" for f in corpus.skipped_figures)
        skip_reasons = ("<h2>Figures that did not become facts, by reason</h2>"
                        + table(["reason", "figures"], [[escape(r), str(n)] for r, n in reasons.most_common()]))
    body = f"""<h1>Fact explorer</h1>
<div class="counts">{summary}</div>
<h2>Facts</h2>
{facts_table(corpus)}
<h2>Documents by language and format</h2>{by_language}
<h2>Indicators</h2>{indicators}
<h2>Documents</h2>{documents}
{skip_reasons}
<h2>Files that could not be read</h2>{errors}"""
    return layout("Facts", body)


FACT_FILTERS = (("indicator", "Indicator"), ("area", "Area"), ("period", "Period"), ("status", "Status"))


def facts_data(corpus: Corpus) -> dict:
    """The facts table's data, each thing once: a fact points at its document and its sentence by
    their index (a document's title, a table row's text are not repeated for each of its facts)."""
    documents = {d["document_id"]: i for i, d in enumerate(corpus.documents)}
    sentences: dict[str, int] = {}
    facts = [{
        "id": f["fact_id"], "indicator": f["indicator"], "area": f["area"] or "", "segment": f["segment"] or "",
        "period": format_period(f["period_start"], f["period_end"]), "value": format_value(f["value"], f["unit"]),
        "status": f["status"] or "", "written": f["written"] or "",
        "doc": documents.get(f["document_id"], -1),
        "s": sentences.setdefault(" ".join((f["snippet"] or "").split()), len(sentences)),
    } for f in corpus.facts]
    return {
        "facts": facts,
        "sentences": list(sentences),
        "documents": [{"id": d["document_id"], "title": d["title"] or d["source_path"], "path": d["source_path"]}
                      for d in corpus.documents],
        "areas": {code: names for code, names in corpus.area_names_by_language.items()
                  if code in {f["area"] for f in facts}},
        "indicators": {code: label for code, label in corpus.indicator_labels.items()},
    }


def facts_table(corpus: Corpus) -> str:
    """The filters, the search, the paged table of every fact (drawn by explorer.js from embedded data)."""
    filters = "".join(f'<label>{label} <select id="filter-{key}" data-key="{key}"><option value="">all</option>'
                      f'</select></label>' for key, label in FACT_FILTERS)
    return f"""<form id="fact-filters" class="filters" onsubmit="return false">{filters}
<label>Search <input id="filter-search" type="search" placeholder="words of the sentence, a title, a place…"></label></form>
<p id="fact-count" class="note"></p>
<p class="pager"><button type="button" id="page-first">« first</button> <button type="button" id="page-previous">‹ previous</button>
<span id="page-number"></span> <button type="button" id="page-next">next ›</button> <button type="button" id="page-last">last »</button></p>
<table id="facts" class="facts"><thead><tr><th>indicator</th><th>area</th><th>segment</th><th>period</th>
<th>value</th><th>as written</th><th>status</th><th>document</th></tr></thead><tbody></tbody></table>
{embedded_json("facts-data", facts_data(corpus))}"""


def document_marks(corpus: Corpus, document_id: str, with_boxes: bool) -> list[Mark]:
    """Every figure of the document as a mark: its facts' statements, then the skipped numbers."""
    facts = {f["fact_id"]: f for f in corpus.facts_by_document.get(document_id, [])}
    marks = []
    for mention in corpus.mentions_by_document.get(document_id, []):
        fact = facts.get(mention["fact_id"])
        if fact is None:
            continue
        concerned = corpus.findings_by_fact.get(fact["fact_id"], [])
        reasons = [fact["reason"]] if fact.get("reason") else []
        if fact.get("confidence") is not None:
            reasons.append(f"confidence {fact['confidence']:.2f}")
        reasons += [f"{f['severity']} {f['check_name']}: {f['message']}" for f in concerned]
        first = (mention["char_start"], mention["char_end"]) == (fact["char_start"], fact["char_end"])
        has_box = with_boxes and mention["bbox_x0"] is not None
        marks.append(Mark(
            mention["char_start"], mention["char_end"], "flagged" if fact["status"] == "flagged" else "fact",
            f"fact-{fact['fact_id']}" if first else f"m-{mention['mention_id']}",
            fact_label(fact, corpus.indicator_labels), "\n".join(reasons) or (fact["status"] or ""),
            box_id=f"box-{mention['mention_id']}" if has_box else None,
            finding_ids=tuple(f["finding_id"] for f in concerned)))
    for figure in corpus.skipped_by_document.get(document_id, []):
        if figure["char_start"] is not None:
            value = format_value(figure.get("value"), figure.get("unit"))  # ('' when none was read)
            marks.append(Mark(figure["char_start"], figure["char_end"], "skipped", f"skip-{figure['char_start']}",
                              f"not a fact{' · ' + value if value else ''}",
                              figure["skip_reason"] or "no reason given"))
    return without_overlaps(marks)


def _page_image(image: PageImage, document_id: str, marks: list[Mark], mentions: dict[str, dict]) -> str:
    boxes = []
    for mark in marks:
        mention = mentions.get(mark.box_id or "")
        if mention is None or mention["page"] != image.number:
            continue
        left, top = mention["bbox_x0"] / image.width * 100, mention["bbox_top"] / image.height * 100
        width = (mention["bbox_x1"] - mention["bbox_x0"]) / image.width * 100
        height = (mention["bbox_bottom"] - mention["bbox_top"]) / image.height * 100
        boxes.append(f'<a class="box {mark.kind}" id="{mark.box_id}" href="#{mark.element_id}" '
                     f'title="{escape(mark.label)}" data-bbox="{mention["bbox_x0"]} {mention["bbox_top"]} '
                     f'{mention["bbox_x1"]} {mention["bbox_bottom"]}" style="left:{left:.3f}%;top:{top:.3f}%;'
                     f'width:{width:.3f}%;height:{height:.3f}%"></a>')
    return (f'<div class="page-image" data-page-width="{image.width}" data-page-height="{image.height}">'
            f'<img src="../pages/{document_id}/{image.number}.png" alt="page {image.number}" '
            f'loading="lazy">{"".join(boxes)}</div>')


def document_page(corpus: Corpus, document: dict, text: str, page_starts: list[int] | None,
                  images: list[PageImage] | None) -> str:
    document_id = document["document_id"]
    marks = document_marks(corpus, document_id, with_boxes=bool(images))
    note = "" if corpus.has_figures else (' <span class="note">(this warehouse has no <code>figures</code> '
                                          'table: only facts are marked)</span>')
    meta = " · ".join(escape(str(v)) for v in (document["source_path"], document["language"], document["format"],
                                                 f"{document['page_count']} pages" if document["page_count"] else None,
                                                 document["published_on"]) if v)
    counts = (f"{document['facts']} facts, {document['flagged']} flagged"
              + (f", {document['skipped']} figures that did not become facts" if corpus.has_figures else ""))
    if page_starts and images:
        mentions = {f"box-{m['mention_id']}": m for m in corpus.mentions_by_document.get(document_id, [])}
        sections = []
        for image in images:
            # A page the text does not reach (a blank last page) shows its image beside no text.
            start, end = (page_starts[n] if n < len(page_starts) else len(text)
                          for n in (image.number - 1, image.number))
            sections.append(f'<section class="page" id="page-{image.number}"><h2>Page {image.number}</h2>'
                            f'<div class="page-pair">{_page_image(image, document_id, marks, mentions)}'
                            f'<pre class="doc-text">{highlighted(text, marks, start, end)}</pre></div></section>')
        content = "".join(sections)
    else:
        missing = ('<p class="note">The PDF is not in the documents folder with these bytes any more: '
                   'no page images.</p>' if document["format"] == "pdf" else "")
        content = f'{missing}<pre class="doc-text">{highlighted(text, marks)}</pre>'
    body = f"""<h1>{escape(document["title"] or document["source_path"])}</h1>
<p class="meta">{meta}</p>
<p>{counts}. Click a figure for its label and reason.</p>
{LEGEND.format(note=note)}
<aside id="details" hidden><button type="button" id="details-close" aria-label="close">×</button>
<div id="details-body"></div></aside>
{content}"""
    return layout(document["title"] or document["source_path"], body, root="../")


def indicator_page(corpus: Corpus, code: str) -> str:
    facts = [f for f in corpus.facts if f["indicator"] == code]
    label = corpus.indicator_labels.get(code, code)
    titles = {d["document_id"]: d["title"] or d["source_path"] for d in corpus.documents}
    chart = indicator_chart(facts, lambda f: fact_href(f, "../"), corpus.area_names, titles) or (
        "<p>No dated figure to draw.</p>")
    rows = [[escape(f["area"] or ""), escape(f["segment"] or ""), escape(format_period(f["period_start"],
                                                                                     f["period_end"])),
             escape(format_value(f["value"], f["unit"])), f'<span class="status {escape(f["status"] or "")}">'
             f'{escape(f["status"] or "")}</span>', f'<a href="{fact_href(f, "../")}">{escape(f["written"] or "")}</a>']
            for f in facts]
    body = (f'<h1>{escape(label)} <small><code>{escape(code)}</code></small></h1>'
            f'<p>{len(facts)} facts, {sum(f["status"] == "flagged" for f in facts)} flagged. '
            f'Each point links to the place its figure was read.</p>{chart}<h2>Every fact</h2>'
            + table(["area", "segment", "period", "value", "status", "as written"], rows))
    return layout(label, body, root="../", charts=True)


DOCUMENT_ID = re.compile(r"\bdoc_[0-9a-f]{16}\b")


def readable_message(message: str, titles: dict[str, str]) -> str:
    """A finding's message as HTML, the document ids it cites replaced by their documents' titles, linked.

    >>> readable_message("Agreed in doc_0123456789abcdef & elsewhere.", {"doc_0123456789abcdef": "Pacte <2024>"})
    'Agreed in <a href="documents/doc_0123456789abcdef.html">Pacte &lt;2024&gt;</a> &amp; elsewhere.'
    """
    return DOCUMENT_ID.sub(lambda m: f'<a href="{document_href(m[0])}">{escape(titles[m[0]])}</a>'
                           if m[0] in titles else m[0], escape(message))


def findings_page(corpus: Corpus) -> str:
    facts = {f["fact_id"]: f for f in corpus.facts}
    titles = {d["document_id"]: d["title"] or d["source_path"] for d in corpus.documents}
    articles = []
    for finding in corpus.findings:
        concerned = []
        for fact_id in finding["fact_ids"] or []:
            fact = facts.get(fact_id)
            if fact is None:
                concerned.append(f"<li>{escape(fact_id)} (no longer in the warehouse)</li>")
                continue
            concerned.append(f'<li><a class="fact-link" href="{fact_href(fact)}">{escape(fact["written"] or "")}'
                             f'</a> {escape(fact_label(fact, corpus.indicator_labels))} · '
                             f'{escape(titles.get(fact["document_id"], ""))}</li>')
        document = (f' · <a href="{document_href(finding["document_id"])}">'
                    f'{escape(titles.get(finding["document_id"], finding["document_id"]))}</a>'
                    if finding["document_id"] in titles else "")
        articles.append(f'<article class="finding {escape(finding["severity"])}" id="{escape(finding["finding_id"])}" '
                        f'data-severity="{escape(finding["severity"])}" data-check="{escape(finding["check_name"])}">'
                        f'<h3><span class="severity">{escape(finding["severity"])}</span> '
                        f'{escape(finding["check_name"])}{document}</h3><p>{readable_message(finding["message"], titles)}</p>'
                        f'<ul>{"".join(concerned)}</ul></article>')
    by_check = Counter((f["severity"], f["check_name"]) for f in corpus.findings)
    summary = table(["severity", "check", "findings"], [[escape(s), escape(c), str(n)]
                                                        for (s, c), n in sorted(by_check.items())])
    options = {key: "".join(f'<option value="{escape(v)}">{escape(v)}</option>'
                            for v in sorted({f[column] for f in corpus.findings}))
               for key, column in (("severity", "severity"), ("check", "check_name"))}
    filters = (f'<form id="finding-filters" class="filters" onsubmit="return false">'
               f'<label>Severity <select id="finding-severity" data-key="severity"><option value="">all</option>'
               f'{options["severity"]}</select></label><label>Check <select id="finding-check" data-key="check">'
               f'<option value="">all</option>{options["check"]}</select></label></form>'
               f'<p id="finding-count" class="note"></p>')
    body = (f"<h1>Findings</h1><p>{len(corpus.findings)} findings. Each lists the facts it concerns; "
            f"a link opens the figure highlighted in its document.</p>{summary}{filters}{''.join(articles)}")
    return layout("Findings", body)
