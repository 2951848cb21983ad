"""The fact explorer as a person uses it: built by its Dagster asset after a real `make run`,
served by `python -m explorer serve` (make explore), and driven in headless Chromium.

The screenshots of the four kinds of page go to tests/screenshots/ (git-ignored), to be
looked at: they are not compared with anything.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import dagster as dg
import duckdb
import pdfplumber
import pytest
from PIL import Image

from tests.browser import CHROMIUM, Browser
from tests.pdf_fixtures import write_prose_pdf
from warehouse.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow  # builds the explorer through Dagster and drives chromium: `make check` leaves it out

SEED = "002_d1d507b0e37619ff.txt"  # a monograph with rates, budgets and contradictions (flagged facts)
SCREENSHOTS = PROJECT_ROOT / "tests" / "screenshots"


@dataclass
class Site:
    warehouse: Path
    published: Path
    out: Path
    documents: Path
    materialization: dg.AssetMaterialization


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    return [dict(zip([d[0] for d in cursor.description], r)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """`make run` over a seed monograph and a two-page PDF, then the fact_explorer asset."""
    from pipelines import run
    from pipelines.definitions import defs

    root = tmp_path_factory.mktemp("explorer")
    documents = root / "raw"
    documents.mkdir()
    shutil.copyfile(PROJECT_ROOT / "raw_documents" / SEED, documents / SEED)
    write_prose_pdf(documents, pages=2)
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    warehouse = root / "out" / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DAGSTER_HOME", str(home))
        env.setenv("RAW_DOCUMENTS_DIR", str(documents))
        env.setenv("WAREHOUSE_PATH", str(warehouse))
        assert run.main([]) == 0
        instance = dg.DagsterInstance.get()
        result = defs.resolve_job_def("refresh_warehouse").execute_in_process(
            instance=instance, asset_selection=[dg.AssetKey("fact_explorer")])
        assert result.success
        [event] = result.get_asset_materialization_events()
        yield Site(warehouse, warehouse.with_name("warehouse.published.duckdb"), root / "out" / "warehouse.explorer", documents,
                   event.event_specific_data.materialization)


def test_the_asset_writes_every_page(site):
    metadata = site.materialization.metadata
    assert metadata["documents"].value == 2
    assert metadata["pdf_page_images"].value == 2  # the PDF's two pages
    assert metadata["pdfs_without_images"].value == []
    with duckdb.connect(str(site.published), read_only=True) as con:
        ids = {r[0] for r in con.execute("SELECT document_id FROM documents").fetchall()}
        indicators = {r[0] for r in con.execute("SELECT DISTINCT indicator FROM facts").fetchall()}
    assert {p.stem for p in (site.out / "documents").glob("*.html")} == ids
    assert {p.stem for p in (site.out / "indicators").glob("*.html")} == indicators
    assert (site.out / "findings.html").exists()
    # No page reaches outside the site: every script and stylesheet is ours.
    for page in site.out.rglob("*.html"):
        assert not re.search(r'(src|href)="(https?:)?//', page.read_text(encoding="utf-8")), page


@pytest.fixture
def served(site, tmp_path):
    """`python -m explorer serve --port 0` (make explore), as a separate process; its address."""
    log = tmp_path / "serve.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "explorer", "serve", "--port", "0"], cwd=PROJECT_ROOT,
            env={**os.environ, "WAREHOUSE_PATH": str(site.warehouse), "RAW_DOCUMENTS_DIR": str(site.documents)},
            stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"http://127\.0\.0\.1:\d+/", log.read_text())):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        # The asset built the site after the last publication: serving does not build it again.
        assert "Fact explorer:" not in log.read_text()
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser(tmp_path):
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    assert CHROMIUM, "chromium is missing: .ci/run installs it"
    browser = Browser(tmp_path / "chromium")
    yield browser
    browser.close()


def choose_indicator(browser: Browser, indicator: str) -> list[dict]:
    """Pick an indicator in the home page's filter, as a person would; the rows then shown."""
    browser.evaluate(f"""(() => {{
        const select = document.getElementById("filter-indicator");
        select.value = {json.dumps(indicator)};
        select.dispatchEvent(new Event("change"));
    }})()""")
    return browser.evaluate("""Array.from(document.querySelectorAll("#facts tbody tr")).map(row => ({
        indicator: row.cells[0].textContent, href: row.querySelector("a.fact-link").getAttribute("href")}))""")


def follow(browser: Browser, href_suffix: str) -> None:
    """Click the facts table's link that ends with `href_suffix` and wait for the page it opens."""
    browser.evaluate("window.__previousPage = true")
    assert browser.evaluate(f"""(() => {{
        const link = Array.from(document.querySelectorAll("#facts a.fact-link"))
            .find(a => a.getAttribute("href").endsWith({json.dumps(href_suffix)}));
        if (!link) return false;
        setTimeout(() => link.click(), 0);  // after this call returns: the click navigates away
        return true;
    }})()"""), f"no link to {href_suffix} in the filtered table"
    browser.wait_for("window.__previousPage === undefined && document.readyState === 'complete'")


def highlighted(browser: Browser, fact_id: str) -> dict:
    return browser.evaluate(f"""(() => {{
        const mark = document.getElementById("fact-{fact_id}");
        if (!mark) return null;
        mark.click();  // opens the details panel
        return {{text: mark.textContent, classes: mark.className, box: mark.dataset.box || null,
                 details: document.getElementById("details").hidden ? null
                          : document.getElementById("details-body").textContent}};
    }})()""")


def test_filter_follow_a_fact_and_see_it_highlighted(site, served, browser):
    with duckdb.connect(str(site.published), read_only=True) as con:
        facts = rows(con, """SELECT f.*, d.source_path, d.format FROM facts f JOIN documents d USING (document_id)
                             ORDER BY f.fact_id""")
        mentions = rows(con, "SELECT * FROM fact_mentions")
        findings = rows(con, "SELECT * FROM validation_findings")
    flagged = [f for f in facts if f["status"] == "flagged" and f["format"] == "txt"]
    assert flagged, "the seed monograph's contradictions flag some facts"
    text_fact = flagged[0]

    # Home page: every fact, then one indicator's.
    browser.open(served + "index.html")
    assert browser.evaluate("document.getElementById('fact-count').textContent").startswith(
        f"{len(facts)} of {len(facts)} facts")
    shown = choose_indicator(browser, text_fact["indicator"])
    expected = [f for f in facts if f["indicator"] == text_fact["indicator"]]
    assert len(shown) == len(expected) < len(facts)
    assert {row["indicator"] for row in shown} == {text_fact["indicator"]}
    assert "indicator=" in browser.evaluate("location.hash")  # a filtered view is a link
    browser.screenshot(SCREENSHOTS / "1_home_filtered.png")

    # Its document page: the highlighted span is the figure as written in the source file.
    follow(browser, f"#fact-{text_fact['fact_id']}")
    assert browser.evaluate("location.pathname").endswith(f"/documents/{text_fact['document_id']}.html")
    source = (site.documents / text_fact["source_path"]).read_text(encoding="utf-8")
    mark = highlighted(browser, text_fact["fact_id"])
    assert mark["text"] == source[text_fact["char_start"]:text_fact["char_end"]]
    assert "flagged" in mark["classes"].split()
    concerned = [f["check_name"] for f in findings if text_fact["fact_id"] in f["fact_ids"]]
    assert "flagged fact" in mark["details"] and concerned[0] in mark["details"]  # its label's reason
    assert browser.evaluate("document.querySelectorAll('pre mark.fig:not([data-kind=skipped])').length") == sum(
        m["document_id"] == text_fact["document_id"] for m in mentions)
    browser.screenshot(SCREENSHOTS / "2_document_text.png")

    # A PDF fact on page 2: its span, and its box drawn on the page image over the figure's ink.
    pdf_fact = max((f for f in facts if f["format"] == "pdf" and f["page"] == 2),
                   key=lambda f: (f["char_end"] - f["char_start"], f["fact_id"]))  # "2 234", not "Page 2"
    browser.open(served + "index.html")
    choose_indicator(browser, pdf_fact["indicator"])
    follow(browser, f"#fact-{pdf_fact['fact_id']}")
    pdf_path = site.documents / pdf_fact["source_path"]
    mark = highlighted(browser, pdf_fact["fact_id"])
    with duckdb.connect(str(site.published), read_only=True) as con:
        [(text,)] = con.execute("SELECT text FROM document_texts WHERE document_id = ?",
                                [pdf_fact["document_id"]]).fetchall()
    assert mark["text"] == text[pdf_fact["char_start"]:pdf_fact["char_end"]]
    [mention] = [m for m in mentions if m["fact_id"] == pdf_fact["fact_id"]]
    assert mark["box"] == f"box-{mention['mention_id']}"
    bbox = (mention["bbox_x0"], mention["bbox_top"], mention["bbox_x1"], mention["bbox_bottom"])
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[pdf_fact["page"] - 1]
        in_box = page.crop(bbox).extract_text()
        page_size = (float(page.width), float(page.height))
    assert "".join(in_box.split()) == "".join(mark["text"].split())  # the box holds the figure, no more
    browser.wait_for(f"document.getElementById('{mark['box']}').parentElement.querySelector('img').naturalWidth > 0")
    drawn = browser.evaluate(f"""(() => {{
        const box = document.getElementById("{mark['box']}");
        const image = box.parentElement.querySelector("img");
        const b = box.getBoundingClientRect(), i = image.getBoundingClientRect();
        box.scrollIntoView({{block: "center"}});
        return {{section: box.closest("section").id, src: image.getAttribute("src"), left: (b.left - i.left) / i.width,
                 top: (b.top - i.top) / i.height, right: (b.right - i.left) / i.width,
                 bottom: (b.bottom - i.top) / i.height, imageWidth: i.width}};
    }})()""")
    assert drawn["section"] == f"page-{pdf_fact['page']}"
    tolerance = 1.5 / drawn["imageWidth"]
    for side, expected_fraction in zip(("left", "top", "right", "bottom"),
                                       (bbox[0] / page_size[0], bbox[1] / page_size[1],
                                        bbox[2] / page_size[0], bbox[3] / page_size[1])):
        assert abs(drawn[side] - expected_fraction) <= tolerance, (side, drawn, bbox)
    # The page image under the box has the figure's ink (the image and the box share the page's scale).
    image = Image.open(site.out / "documents" / drawn["src"]).convert("L")
    scale = image.width / page_size[0]
    assert image.crop(tuple(round(v * scale) for v in bbox)).getextrema()[0] < 100
    browser.screenshot(SCREENSHOTS / "3_document_pdf.png")
    browser.screenshot(SCREENSHOTS / "3_document_pdf_box_zoomed.png", around=mark["box"])


def test_indicator_and_findings_pages_link_to_the_highlighted_figures(site, served, browser):
    with duckdb.connect(str(site.published), read_only=True) as con:
        [(indicator,)] = con.execute("""
            SELECT indicator FROM facts WHERE period_start IS NOT NULL GROUP BY indicator
            ORDER BY count(*) FILTER (status = 'flagged') DESC, count(*) DESC, indicator LIMIT 1""").fetchall()
        dated = rows(con, "SELECT * FROM facts WHERE indicator = ? AND period_start IS NOT NULL", [indicator])
        findings = rows(con, "SELECT * FROM validation_findings")
    browser.open(served + f"indicators/{indicator}.html")
    # Each panel's data, as the chart library draws it: every dated fact once on a line, the flagged apart.
    points = browser.evaluate("""Array.from(document.querySelectorAll("figure.panel .chart-data")).flatMap(data =>
        JSON.parse(data.textContent).series.flatMap(s => s.facts.map((fact, i) => fact && {
            fact, href: s.hrefs[i], flagged: !s.line})).filter(Boolean))""")
    assert sorted(p["fact"] for p in points if not p["flagged"]) == sorted(f["fact_id"] for f in dated)
    assert {p["fact"] for p in points if p["flagged"]} == {f["fact_id"] for f in dated if f["status"] == "flagged"}
    panels = len({f["area"] for f in dated})
    assert browser.evaluate("document.querySelectorAll('figure.panel').length") == panels
    assert browser.evaluate("document.querySelectorAll('figure.panel .uplot canvas').length") == panels
    browser.screenshot(SCREENSHOTS / "4_indicator.png")
    browser.open(served + "indicators/" + points[0]["href"])
    assert browser.evaluate(f"document.getElementById('fact-{points[0]['fact']}') !== null")

    browser.open(served + "findings.html")
    listed = browser.evaluate("""Array.from(document.querySelectorAll("article.finding")).map(a => ({
        id: a.id, links: Array.from(a.querySelectorAll("a.fact-link")).map(l => l.getAttribute("href"))}))""")
    assert {f["id"] for f in listed} == {f["finding_id"] for f in findings}
    by_id = {f["finding_id"]: f for f in findings}
    for finding in listed:
        assert [link.split("#fact-")[1] for link in finding["links"]] == list(by_id[finding["id"]]["fact_ids"])
    browser.screenshot(SCREENSHOTS / "5_findings.png")
    first = next(f for f in listed if f["links"])
    browser.open(served + first["links"][0])
    target = first["links"][0].split("#")[1]
    assert "flagged" in browser.evaluate(f"document.getElementById('{target}').className")


class Marks(HTMLParser):
    """Every <mark class="fig ..."> of a page inside the text, with its attributes and text."""

    def __init__(self, html: str):
        super().__init__()
        self.marks: list[dict] = []
        self._open: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "mark" and attributes.get("data-kind"):
            self._open = {**attributes, "text": ""}

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._open is not None:
            self.marks.append(self._open)
            self._open = None


def test_figures_that_did_not_become_facts_and_reasons_are_shown(
        warehouse, make_result, tmp_path):
    """The `figures` table (numbers that did not become facts, with the reason) and facts.reason/confidence
    are shown on the document page and the home page."""
    from explorer.site import build_site
    from warehouse.load import publish, replace_document, write_findings
    from warehouse.rows import result_tables

    result = make_result()
    document_id = replace_document(warehouse, result_tables(result))
    [population] = [r[0] for r in warehouse.execute("SELECT fact_id FROM facts WHERE indicator = 'population'").fetchall()]
    write_findings(warehouse, [{"finding_id": "fi_1", "check_name": "implausible_magnitude", "severity": "warning",
                                "fact_ids": [population], "message": "Too many inhabitants."}])
    warehouse.execute("CHECKPOINT")
    text = result.document.text
    day = text.index("20 mai")

    def page_marks(name: str) -> list[dict]:
        """Publish the warehouse as `name` and build the site from that copy."""
        database = publish(tmp_path / "warehouse.duckdb", tmp_path / f"{name}.duckdb", checkpoint=False)
        build_site(database, tmp_path / name, [])
        return Marks((tmp_path / name / "documents" / f"{document_id}.html").read_text(encoding="utf-8")).marks

    warehouse.execute("UPDATE facts SET reason = 'rate named by taux de chômage', confidence = 0.87 "
                      "WHERE indicator = 'unemployment_rate'")
    warehouse.execute("DELETE FROM figures")
    warehouse.execute("""INSERT INTO figures (figure_id, document_id, value, char_start, char_end, snippet, context,
                         skip_reason) VALUES ('g_1', ?, 20, ?, ?, ?, 'text', 'a day of a date')""",
                      [document_id, day, day + 2, text])
    warehouse.execute("CHECKPOINT")
    after = page_marks("with_figures")
    [skipped] = [m for m in after if m["data-kind"] == "skipped"]
    assert (skipped["text"], skipped["data-reason"]) == (text[day:day + 2], "a day of a date")
    rates = [m for m in after if m["data-kind"] == "fact" and m["data-label"].startswith("unemployment_rate")]
    assert rates and all("rate named by taux de chômage" in m["data-reason"] and "confidence 0.87" in m["data-reason"]
                         for m in rates)
    [flagged] = [m for m in after if m["data-kind"] == "flagged"]
    assert flagged["text"] == "5 998 916" and "Too many inhabitants." in flagged["data-reason"]
    assert flagged["data-findings"] == "fi_1"
    home = (tmp_path / "with_figures" / "index.html").read_text(encoding="utf-8")
    assert "<td>a day of a date</td><td>1</td>" in home
