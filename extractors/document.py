"""One document in, its facts and partnerships out: the extraction entry point."""
from __future__ import annotations

from extractors.read.layout import blocks, clean_markup, lists_as_tables
from extractors.read.ocr import ocr_provenance
from extractors.annotate.areas import find_areas
from extractors.annotate.metadata import detect_language, detect_published_on, detect_title, main_country, main_region
from extractors.model import DocumentResult, DocumentWarning, LoadedDocument
from extractors.annotate.nlp import organisations, sentences
from extractors.label.partnerships import (
    Passage,
    is_agreement_name,
    mentions_agreement,
    merge_by_section,
    partnerships_in_passage,
    project_period_partnerships,
)
from extractors.annotate.periods import unreadable_dates
from extractors.annotate.programmes import DocumentProgrammes
from extractors.label.prose import PassageContext, sentence_facts
from extractors.label.tables import table_facts
from extractors.label.leftovers import account_for_every_number, prose_figures

EXTRACTOR_VERSION = "1"


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
    full stop ("Table 3: Total unemployment rate … (in %)").

    >>> is_table_title("La répartition est fixée comme suit :"), is_table_title("Le taux baisse.")
    (True, False)
    """
    text = text.strip()
    return text.endswith(":") or (len(text) <= 300 and not text.endswith((".", "!", "?")))


def prose_above(layout: list, i: int, reach: int = 800) -> str:
    """The paragraphs right before table i, back to a heading or another table, within `reach` characters."""
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
    """The paragraph that introduces table i ("… est répartie conformément au tableau suivant :"),
    over the short lines between them ("(En euros)"), or None."""
    table = layout[i]
    for before in reversed(layout[max(0, i - 3): i]):
        if table.start - before.end > reach or before.kind == "table":
            return None
        if before.kind == "paragraph":
            return before if is_table_title(clean_markup(before.text)) else None
    return None


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
    layout = lists_as_tables(blocks(text), text, language)
    programmes = DocumentProgrammes.of(text)

    for i, block in enumerate(layout):
        if block.kind == "table":
            caption = list(block.table.caption)
            intro = introducing_paragraph(layout, i)
            if intro is not None:
                caption = [clean_markup(intro.text)[-400:]] + caption
            out = table_facts(block.table, text, language, region, block.headings, doc.page_of, caption,
                              text_above=prose_above(layout, i), title=title, programmes=programmes,
                              section_text=section_above(layout, i))
            result.facts.extend(out.facts)
            result.figures.extend(out.figures)
            result.relations.extend(out.relations)

    passages = [b for b in layout if b.kind in ("paragraph", "heading")]
    # The named-entity model is the costly part: run it only on paragraphs that speak of an agreement.
    candidates = [i for i, b in enumerate(passages) if b.kind == "paragraph" and mentions_agreement(b.text)]
    found_orgs = dict(zip(candidates, organisations([passages[i].text for i in candidates], language)))
    found_partnerships = []
    recent_rate: dict = {}  # the rate the last sentences named, until a heading opens another subject
    for i, (block, spans) in enumerate(zip(passages, sentences([b.text for b in passages], language))):
        is_heading = block.kind == "heading"
        if is_heading:
            recent_rate = {}
        recent_rate.pop("period", None)  # a period carries within its paragraph only
        headings = block.headings + ([clean_markup(block.text)] if is_heading else [])
        ctx = PassageContext(block.text, headings, region, language, recent_rate, published_on, country, programmes)
        orgs = found_orgs.get(i, [])
        section = block.headings[-1] if block.headings else None
        section_key = section if is_agreement_name(section) else None
        previous = None
        for start, end in spans:
            sentence = (block.start + start, block.start + end)
            result.facts.extend(sentence_facts(text, sentence, ctx, doc.page_of))
            passage = Passage(sentence[0], sentence[1], section, is_heading)
            for partnership in partnerships_in_passage(
                text, passage, previous, published_on, language, orgs, doc.page_of
            ):
                key = clean_markup(block.text) if is_heading and is_agreement_name(block.text) else section_key
                found_partnerships.append((key, partnership))
            previous = sentence
    for start, end, surface in unreadable_dates(text, language):
        result.warnings.append(DocumentWarning(
            "unreadable_date",
            f"{doc.source_path}: '{surface}' at character {start} is not a calendar date; what it dates is left undated",
            start, end, doc.page_of(start),
        ))
    result.figures.extend(prose_figures(text, [b for b in layout if b.kind != "table"], result.facts, language,
                                        doc.page_of))
    result.figures.extend(account_for_every_number(text, result.figures, language, doc.page_of))
    if doc.boxes:
        for fact in result.facts:
            fact.mention.bbox = figure_box(doc, fact.mention.char_start, fact.mention.char_end)
    result.partnerships = merge_by_section(found_partnerships)
    known = {(p.starts_on, p.ends_on) for p in result.partnerships}
    for p in project_period_partnerships(text, title, language, [], doc.page_of):
        if (p.starts_on, p.ends_on) not in known:
            result.partnerships.append(p)
    ocr_provenance(result)  # what OCR read is marked as such, after every fact and figure is made
    return result
