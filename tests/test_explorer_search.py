"""The explorer for many facts, opened from disk in headless Chromium: a search finds a fact by a word
of its sentence and by its area's name, every fact of a long table can be reached, the findings page
filters to the errors. The warehouse is built by hand (no extraction) with more than 500 facts."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

import duckdb
import pytest

from explorer.site import build_site
from tests.browser import CHROMIUM, Browser
from tests.conftest import figure, loaded_document
from warehouse.load import load_reference_tables, publish, replace_document, write_findings
from warehouse.rows import result_tables
from warehouse.schema import create_tables

# A register of training places, one line per municipality (written for this test).
LINES = 620


def stated(document, written: str, **fields):
    """A fact for `written`, read from its own line (its snippet), as the extractors give it."""
    fact = figure(document, written, **fields)
    start = document.text.rfind("\n", 0, fact.mention.char_start) + 1
    line = document.text[start:document.text.index("\n", fact.mention.char_start)]
    return dataclasses.replace(fact, mention=dataclasses.replace(fact.mention, snippet=line))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from extractors.model import DocumentResult

    base = tmp_path_factory.mktemp("explorer_search")
    register = loaded_document("".join(f"Gemeinde {i}: {1000 + i} Ausbildungsplätze.\n" for i in range(LINES)),
                               "register.txt")
    places = [stated(register, f"{1000 + i}", indicator="apprentices", unit="persons", value=float(1000 + i),
                     area="FR-HDF", period_start=None, period_end=None) for i in range(LINES)]
    prose = loaded_document("En 2008, l'académie comptait 4 512 apprentis boulangers.\n"
                            "Le taux de chômage des jeunes recule à 17,5 %.\n", "note.txt")
    bakers = stated(prose, "4 512", indicator="apprentices", unit="persons", value=4512.0, area="FR-A",
                    period_start=None, period_end=None)
    rate = stated(prose, "17,5 %", indicator="unemployment_rate", unit="percent", value=17.5, area="FR-A",
                  period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
    bulletin = loaded_document("Die Arbeitslosenquote der Jugend lag 2023 bei 16,9 % und 2022 bei 18,2 %.\n",
                               "bulletin.txt")
    earlier = [stated(bulletin, written, indicator="unemployment_rate", unit="percent", value=value, area="FR-A",
                      period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31))
               for written, value, year in (("16,9 %", 16.9, 2023), ("18,2 %", 18.2, 2022))]
    working = base / "w.duckdb"
    with duckdb.connect(str(working)) as con:
        create_tables(con)
        load_reference_tables(con)
        for document, facts, title in ((register, places, "Register der Ausbildungsplätze"),
                                       (prose, [bakers, rate], "Note de conjoncture"),
                                       (bulletin, earlier, "Arbeitsmarktbericht")):
            bulletin_id = replace_document(con, result_tables(DocumentResult(
                document=document, language="fr", title=title, published_on=None, facts=facts, partnerships=[])))
        ids = dict(con.execute("SELECT value, fact_id FROM facts WHERE value IN (4512, 17.5, 1000)").fetchall())
        write_findings(con, [
            {"finding_id": "fi_error", "check_name": "conflicting_value", "severity": "error",
             "fact_ids": [ids[4512.0]], "message": "Two counts of the same apprentices."},
            {"finding_id": "fi_warning", "check_name": "implausible_magnitude", "severity": "warning",
             "fact_ids": [ids[17.5]], "message": "A rate to look at."},
            {"finding_id": "fi_warning_2", "check_name": "implausible_magnitude", "severity": "warning",
             "fact_ids": [ids[1000.0]], "message": f"A count to look at, as in {bulletin_id}."}])
        con.execute("CHECKPOINT")
    build_site(publish(working, base / "w.published.duckdb"), base / "site", [])
    return base / "site"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    assert CHROMIUM, "chromium is missing: .ci/run installs it"
    browser = Browser(tmp_path_factory.mktemp("chromium") / "profile")
    yield browser
    browser.close()


def search(browser: Browser, words: str) -> list[dict]:
    """Type in the search box, as a person would; the rows then shown."""
    browser.evaluate(f"""(() => {{
        const box = document.getElementById("filter-search");
        box.value = {json.dumps(words)};
        box.dispatchEvent(new Event("input"));
    }})()""")
    return shown(browser)


def shown(browser: Browser) -> list[dict]:
    return browser.evaluate("""Array.from(document.querySelectorAll("#facts tbody tr")).map(row => ({
        fact: row.dataset.fact, area: row.cells[1].textContent, value: row.cells[4].textContent,
        written: row.cells[5].textContent}))""")


def test_search_finds_a_fact_by_its_sentence_and_by_its_areas_name(site, browser):
    browser.open((site / "index.html").as_uri())
    assert "of 624 facts" in browser.evaluate("document.getElementById('fact-count').textContent")
    # A word of the sentence, not of any code or label: "boulangers" (accents and case do not matter).
    [bakers] = search(browser, "BOULANGERS")
    assert bakers["written"] == "4 512" and bakers["area"] == "Alsace (FR-A)"
    # The area by its name, in another language than the reader's: Elsass is FR-A in German.
    assert sorted(r["written"] for r in search(browser, "elsass")) == ["16,9 %", "17,5 %", "18,2 %", "4 512"]
    assert sorted(r["written"] for r in search(browser, "Alsace chômage")) == ["17,5 %"]
    assert search(browser, "Strasbourg Hauts-de-France") == []  # every word must match
    # The document's title is searched too.
    assert len(search(browser, "register ausbildungsplätze")) == 100  # a page of them
    assert "620 of 624 facts" in browser.evaluate("document.getElementById('fact-count').textContent")


def test_every_fact_of_a_long_table_is_reachable(site, browser):
    browser.open((site / "index.html").as_uri())
    with duckdb.connect(str(site.parent / "w.published.duckdb"), read_only=True) as con:
        everything = {r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()}
    seen = {r["fact"] for r in shown(browser)}
    while not browser.evaluate("document.getElementById('page-next').disabled"):
        browser.evaluate("document.getElementById('page-next').click()")
        seen |= {r["fact"] for r in shown(browser)}
    assert seen == everything and len(seen) > 500
    # The last page at once, and the page kept in the address.
    browser.evaluate("document.getElementById('page-first').click()")
    browser.evaluate("document.getElementById('page-last').click()")
    assert "page 7 of 7" in browser.evaluate("document.getElementById('page-number').textContent")
    assert len(shown(browser)) == 24 and "page=7" in browser.evaluate("location.hash")


def test_the_findings_page_filters_to_the_errors(site, browser):
    browser.open((site / "findings.html").as_uri())

    def visible() -> list[str]:
        return browser.evaluate("Array.from(document.querySelectorAll('article.finding'))"
                                ".filter(a => !a.hidden && a.offsetParent !== null).map(a => a.id)")

    assert sorted(visible()) == ["fi_error", "fi_warning", "fi_warning_2"]
    # A message citing a document by its id shows its title instead, linked.
    assert browser.evaluate("document.querySelector('#fi_warning_2 p').textContent") == (
        "A count to look at, as in Arbeitsmarktbericht.")
    browser.evaluate("""(() => { const s = document.getElementById("finding-severity");
                                 s.value = "error"; s.dispatchEvent(new Event("change")); })()""")
    assert visible() == ["fi_error"]
    assert "1 of 3 findings shown" in browser.evaluate("document.getElementById('finding-count').textContent")
    browser.evaluate("""(() => { const s = document.getElementById("finding-severity");
                                 s.value = ""; s.dispatchEvent(new Event("change"));
                                 const c = document.getElementById("finding-check");
                                 c.value = "implausible_magnitude"; c.dispatchEvent(new Event("change")); })()""")
    assert sorted(visible()) == ["fi_warning", "fi_warning_2"]


def test_a_chart_draws_one_line_per_document_and_a_click_opens_the_figure(site, browser):
    browser.open((site / "indicators" / "unemployment_rate.html").as_uri())
    assert browser.evaluate("document.querySelectorAll('figure.panel .uplot canvas').length") == 1
    series = browser.evaluate("""JSON.parse(document.querySelector('figure.panel .chart-data').textContent).series
        .map(s => ({label: s.label, line: s.line, hrefs: s.hrefs.filter(Boolean)}))""")
    lines = [s for s in series if s["line"]]
    # The 2024 rate of the note and the 2022-2023 rates of the bulletin: two lines, never one.
    assert sorted(len(s["hrefs"]) for s in lines) == [1, 2]
    for line in lines:
        assert len({href.split("#")[0] for href in line["hrefs"]}) == 1, line
    [flagged] = [s for s in series if not s["line"]]
    assert len(flagged["hrefs"]) == 1 and flagged["label"] == "flagged · Note de conjoncture · whole"
    # A click on the 2022 point (a real one, by the mouse) opens its figure in the bulletin.
    point = browser.evaluate("""(() => {
        const panel = document.querySelector('figure.panel'), chart = panel.chart;
        const data = JSON.parse(panel.querySelector('.chart-data').textContent);
        const i = data.series.findIndex(s => s.values.includes(18.2));
        const j = data.series[i].values.indexOf(18.2);
        panel.scrollIntoView({block: "center"});
        const box = chart.over.getBoundingClientRect();
        return {x: box.left + chart.valToPos(data.x[j], "x") + 1, y: box.top + chart.valToPos(18.2, "y"),
                href: data.series[i].hrefs[j]};
    })()""")
    target = point["href"]
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", {"type": kind, "x": point["x"], "y": point["y"], "button": "left",
                                                  "clickCount": 1})
    browser.wait_for("location.hash.startsWith('#fact-')")
    assert browser.evaluate("location.href").endswith(target.removeprefix("../"))
    assert browser.evaluate(f"document.getElementById('{target.split('#')[1]}').textContent") == "18,2 %"
