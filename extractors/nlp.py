"""spaCy pipelines, loaded once per process with only the components we use.

French uses fr_core_news_sm for its named entities (ORG, LOC: parties of a
partnership) with a rule-based sentencizer instead of the slower parser;
Dutch, German and English use blank pipelines with the same sentencizer.
spaCy finds no numbers or dates for us: those come from our own matchers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def pipeline(language: str) -> Language:
    """The pipeline for a language code.

    >>> pipeline("nl").pipe_names
    ['sentencizer']
    """
    if language == "fr":
        nlp = spacy.load(
            "fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
        )
    else:
        nlp = spacy.blank(language if language in ("nl", "de", "en") else "xx")
    nlp.add_pipe("sentencizer", first=True)
    return nlp


@dataclass
class Analysis:
    """What spaCy tells about one passage: sentence spans and ORG/LOC entities, offsets in the passage."""

    sentences: list[tuple[int, int]]
    organisations: list[tuple[int, int, str]]
    places: list[tuple[int, int, str]]


def analyse(texts: list[str], language: str, batch_size: int = 64) -> list[Analysis]:
    """Sentences and entities of many passages, through `nlp.pipe` in batches.

    >>> analyse(["Een zin. Nog een zin."], "nl")[0].sentences
    [(0, 8), (9, 21)]
    """
    out = []
    for doc in pipeline(language).pipe(texts, batch_size=batch_size):
        out.append(
            Analysis(
                [(s.start_char, s.end_char) for s in doc.sents],
                [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "ORG"],
                [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "LOC"],
            )
        )
    return out
