"""spaCy pipelines, loaded once per process with only the components we use.

Sentences come from a blank pipeline of the document's language with the
rule-based sentencizer (the same tokenizer as the trained model, without its
cost). Named entities (ORG: parties of a partnership) come from
fr_core_news_sm reduced to tok2vec + ner, run only on the few passages that
speak of an agreement. spaCy finds no numbers or dates for us: those come
from our own matchers.
"""
from __future__ import annotations

import re

from functools import lru_cache

import spacy
from spacy.language import Language

SUPPORTED = ("fr", "nl", "de", "en")


@lru_cache(maxsize=4)
def sentence_pipeline(language: str) -> Language:
    """Tokenizer and sentencizer for a language code.

    >>> sentence_pipeline("nl").pipe_names
    ['sentencizer']
    """
    nlp = spacy.blank(language if language in SUPPORTED else "xx")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def entity_pipeline() -> Language:
    """fr_core_news_sm with only what its NER needs (the blank nl/de pipelines have no NER)."""
    return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])


def sentences(texts: list[str], language: str, batch_size: int = 256) -> list[list[tuple[int, int]]]:
    """Sentence spans of many passages, through `nlp.pipe` in batches (offsets in each passage).

    >>> sentences(["Een zin. Nog een zin."], "nl")
    [[(0, 8), (9, 21)]]
    """
    return [
        _rejoin_ordinals(text, [(s.start_char, s.end_char) for s in doc.sents])
        for text, doc in zip(texts, sentence_pipeline(language).pipe(texts, batch_size=batch_size))
    ]


_ORDINAL_END = re.compile(r"(?<![\d.])\d{1,2}\.\s*$")


def _rejoin_ordinals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence break after "am 17." is a German ordinal day ("am 17. Januar 2014"), or a numbered
    list mark: the sentence goes on when the next one starts in lower case or with a month.

    >>> _rejoin_ordinals("Sie wurde am 17. Januar 2014 unterzeichnet.", [(0, 16), (17, 44)])
    [(0, 44)]
    """
    from extractors.annotate.periods import MONTHS

    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _ORDINAL_END.search(text[out[-1][0]:out[-1][1]]):
            first = text[start:end].split(maxsplit=1)[0].strip(",;:").lower() if text[start:end].strip() else ""
            if first in MONTHS or first[:1].islower():
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def organisations(texts: list[str], language: str, batch_size: int = 64) -> list[list[str]]:
    """ORG entities of each passage (French only; other languages rely on the gazetteer).

    >>> organisations(["Een zin."], "nl")
    [[]]
    """
    if language != "fr" or not texts:
        return [[] for _ in texts]
    return [
        [e.text for e in doc.ents if e.label_ == "ORG"]
        for doc in entity_pipeline().pipe(texts, batch_size=batch_size)
    ]


def pipeline(language: str) -> Language:
    """Load what a language needs now (its sentence pipeline, and the NER model for French),
    so the first document does not pay for it; returns the sentence pipeline.

    >>> pipeline("de").lang
    'de'
    """
    if language == "fr":
        entity_pipeline()
    return sentence_pipeline(language)
