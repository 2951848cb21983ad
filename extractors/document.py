"""One document in, its facts and partnerships out: the extraction entry point."""
from __future__ import annotations

from extractors.read.layout import blocks, clean_markup, lists_as_tables
from extractors.read.ocr import ocr_provenance
from extractors.annotate.areas import find_areas
from extractors.annotate.metadata import detect_language, detect_published_on, detect_title, main_country, main_region
from extractors.lexicon import fold
from extractors.model import DocumentResult, DocumentWarning, LoadedDocument
from extractors.annotate.nlp import organisations, sentences
from extractors.label.plausibility import drop_what_cannot_be_meant
from extractors.label.partnerships import (
    Passage,
    is_agreement_name,
    may_state_partnership,
    mentions_agreement,
    duration_facts,
    merge_by_section,
    merge_mentions,
    period_from_next_sentences,
    partnerships_in_passage,
)
from extractors.label.projects import (
    cooperations_since,
    phase_partnerships,
    projects_named_above,
    sheet_partnerships,
    supported_projects,
    table_partnerships,
    title_programme,
)
from extractors.annotate.periods import unreadable_dates
from extractors.annotate.programmes import DocumentProgrammes
from extractors.label.prose import PassageContext, sentence_facts
from extractors.label.tables import table_facts
from extractors.label.leftovers import account_for_every_number, prose_figures

EXTRACTOR_VERSION = "1"
SHEET_CHARACTERS = 20_000  # about five pages: a sheet of key figures rather than a report
OPENING_CHARACTERS = 600  # its title and first sentences


def figure_box(doc: LoadedDocument, start: int, end: int) -> tuple[float, float, float, float] | None:
    """The box around a figure's characters on its page (PDF only), from the loader's per-character boxes.

    >>> d = LoadedDocument("x", "x", "0", "pdf", "12", boxes={0: (1, 2, 3, 4), 1: (3, 2, 5, 4)})
    >>> figure_box(d, 0, 2)
    (1, 2, 5, 4)
    """
    boxes = [doc.boxes[i] for i in range(start, end) if i in doc.boxes]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def is_table_title(text: str) -> bool:
    """A paragraph that introduces or titles a table: it ends with a colon, or it is short and ends with no
    full stop ("Table 2: Employment by sector … (in %)").

    >>> is_table_title("La répartition est fixée comme suit :"), is_table_title("Le taux baisse.")
    (True, False)
    """
    text = text.strip()
    return text.endswith(":") or (len(text) <= 300 and not text.endswith((".", "!", "?")))


def first_of_its_run(layout: list, i: int) -> int:
    """The first of the tables that follow one another with nothing between them, table i among them: they
    share the caption and the article above the first (a table of provinces, then one of municipalities)."""
    while i > 0 and layout[i - 1].kind == "table":
        i -= 1
    return i


def prose_above(layout: list, i: int, reach: int = 800) -> str:
    """The paragraphs right before table i (or the run of tables it closes), back to a heading or another
    table, within `reach` characters."""
    i = first_of_its_run(layout, i)
    parts = []
    for before in reversed(layout[:i]):
        if before.kind in ("heading", "table") or layout[i].start - before.end > reach:
            break
        parts.insert(0, before.text)
    return "\n\n".join(parts)


def section_above(layout: list, i: int, reach: int = 6000) -> str:
    """The paragraphs of table i's section before it (back to its heading), within `reach` characters:
    where an article names the fund whose shares its table lists."""
    parts = []
    for before in reversed(layout[:i]):
        if before.kind == "heading" or layout[i].start - before.end > reach:
            break
        if before.kind == "paragraph":
            parts.insert(0, before.text)
    return "\n\n".join(parts)


def introducing_paragraph(layout: list, i: int, reach: int = 300):
    """The paragraph that introduces table i, or the run of tables it closes ("… est répartie conformément
    au tableau suivant :"), over the short lines between them ("(En euros)"), or None."""
    i = first_of_its_run(layout, i)
    table = layout[i]
    for before in reversed(layout[max(0, i - 3): i]):
        if table.start - before.end > reach or before.kind == "table":
            return None
        if before.kind == "paragraph":
            return before if is_table_title(clean_markup(before.text)) else None
    return None


def table_name(caption: list[str], headings: list[str]) -> str | None:
    """What a reader calls a table: the caption line nearest it, else the heading of its section.
    A line wholly in parentheses is a note on the figures ("(en euros)"), not a name."""
    for line in reversed([*headings[-1:], *caption]):
        line = " ".join(clean_markup(line).split())
        if line and not (line.startswith("(") and line.endswith(")")):
            return line[:200]
    return None


def document_partnerships(doc: LoadedDocument, plain: list, language: str, title: str | None,
                          published_on) -> list:
    """The agreements and projects of a document, read from its paragraphs and headings as written
    (lists included: a list item "a. het programma X, goedgekeurd … van 3 maart 2005;" is prose here,
    whatever the table reader makes of its figures)."""
    text = doc.text
    passages = [b for b in plain if b.kind in ("paragraph", "heading")]
    # The named-entity model is the costly part: run it only on paragraphs that speak of an agreement.
    candidates = [i for i, b in enumerate(passages) if b.kind == "paragraph" and mentions_agreement(b.text)]
    found_orgs = dict(zip(candidates, organisations([passages[i].text for i in candidates], language)))
    found = []
    every_sentence = []
    for i, (block, spans) in enumerate(zip(passages, sentences([b.text for b in passages], language))):
        if block.kind == "paragraph":
            every_sentence += [(block.start + s, block.start + e) for s, e in spans]
        if not may_state_partnership(block.text) and not is_agreement_name(block.headings[-1] if block.headings else None):
            continue
        is_heading = block.kind == "heading"
        orgs = found_orgs.get(i, [])
        section = block.headings[-1] if block.headings else None
        section_key = section if is_agreement_name(section) else None
        previous = None
        in_block = []
        for start, end in spans:
            sentence = (block.start + start, block.start + end)
            passage = Passage(sentence[0], sentence[1], section, is_heading)
            for partnership in partnerships_in_passage(text, passage, previous, published_on, language, orgs,
                                                       doc.page_of):
                key = clean_markup(block.text) if is_heading and is_agreement_name(block.text) else section_key
                found.append((key, partnership))
                in_block.append(partnership)
            previous = sentence
        period_from_next_sentences(in_block, text, [(block.start + s, block.start + e) for s, e in spans], language)
    partnerships = merge_mentions(merge_by_section(found))
    known = {(p.starts_on, p.ends_on) for p in partnerships}
    for p in (sheet_partnerships(text, title, lambda at: _headings_before(plain, at), language, doc.page_of)
              + phase_partnerships(text, [b for b in passages if b.kind == "paragraph"], title, language,
                                   doc.page_of)
              + cooperations_since(text, every_sentence, doc.page_of)
              + [p for b in plain if b.kind == "table" for p in table_partnerships(text, b.table, language,
                                                                                    doc.page_of)]):
        if (p.starts_on, p.ends_on) not in known:
            known.add((p.starts_on, p.ends_on))
            partnerships.append(p)
    # Named projects given money or support, dated or not: one record each, unless a dated one holds it.
    titled = title_programme(text, title, language, doc.page_of)
    for p in supported_projects(text, every_sentence, language, doc.page_of) + projects_named_above(text, doc.page_of) \
            + ([titled] if titled else []):
        if not any(fold(p.name) in fold(q.name) or fold(q.name) in fold(p.name) for q in partnerships):
            partnerships.append(p)
    return partnerships


def _headings_before(plain: list, offset: int) -> list[str]:
    """The headings that enclose a position: those of its block."""
    for block in plain:
        if block.start <= offset < max(block.end, block.start + 1):
            return block.headings
    return []


def extract_document(doc: LoadedDocument) -> DocumentResult:
    """Facts and partnerships of a loaded document, each with its place in `doc.text`.

    Facts are not merged here: a figure stated twice yields two Fact objects with
    the same key, which the warehouse turns into one row with two mentions.
    """
    text = doc.text
    language = detect_language(text)
    title = detect_title(text)
    published_on = detect_published_on(text, language)
    mentions = find_areas(text)  # one gazetteer pass over the text for both
    region = main_region(text, mentions)
    country = main_country(text, language, mentions)
    result = DocumentResult(doc, language, title, published_on)
    plain = blocks(text)
    layout = lists_as_tables(plain, text, language)
    programmes = DocumentProgrammes.of(text)
    # A short sheet (a few pages of key figures) states its reference date once, at its top.
    opening = text[:OPENING_CHARACTERS] if len(text) <= SHEET_CHARACTERS else ""

    for i, block in enumerate(layout):
        if block.kind == "table":
            caption = list(block.table.caption)
            intro = introducing_paragraph(layout, i)
            if intro is not None:
                caption = [clean_markup(intro.text)[-400:]] + caption
            out = table_facts(block.table, text, language, region, block.headings, doc.page_of, caption,
                              text_above=prose_above(layout, i), title=title, programmes=programmes,
                              section_text=section_above(layout, i), opening=opening)
            name = table_name(caption, block.headings)
            for record in out.figures:
                record.table_name = name
            result.facts.extend(out.facts)
            result.figures.extend(out.figures)
            result.relations.extend(out.relations)

    passages = [b for b in layout if b.kind in ("paragraph", "heading")]
    recent_rate: dict = {}  # the rate the last sentences named, until a heading opens another subject
    kept_out: dict[tuple[int, int], str] = {}  # the figures the prose throttles kept out, with their reasons
    for block, spans in zip(passages, sentences([b.text for b in passages], language)):
        is_heading = block.kind == "heading"
        if is_heading:
            recent_rate = {}
        recent_rate.pop("period", None)  # a period carries within its paragraph only
        headings = block.headings + ([clean_markup(block.text)] if is_heading else [])
        ctx = PassageContext(block.text, headings, region, language, recent_rate, published_on, country, programmes)
        for start, end in spans:
            out = sentence_facts(text, (block.start + start, block.start + end), ctx, doc.page_of)
            result.facts.extend(out.facts)
            kept_out.update(out.kept_out)
    for start, end, surface in unreadable_dates(text, language):
        result.warnings.append(DocumentWarning(
            "unreadable_date",
            f"{doc.source_path}: '{surface}' at character {start} is not a calendar date; what it dates is left undated",
            start, end, doc.page_of(start),
        ))
    result.partnerships = document_partnerships(doc, plain, language, title, published_on)
    result.facts.extend(duration_facts(result.partnerships, result.facts, text, doc.page_of))
    result.figures.extend(prose_figures(text, [b for b in layout if b.kind != "table"], result.facts, language,
                                        doc.page_of, kept_out))
    result.figures.extend(account_for_every_number(text, result.figures, language, doc.page_of))
    if doc.boxes:
        for fact in result.facts:
            fact.mention.bbox = figure_box(doc, fact.mention.char_start, fact.mention.char_end)
    ocr_provenance(result)  # what OCR read is marked as such, after every fact and figure is made
    drop_what_cannot_be_meant(result)
    return result
