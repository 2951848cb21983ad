"""Bodies (organisations) named in a passage, from the lexicon of their head nouns.

The parties of an agreement or a project are organisations. spaCy's French model finds some of them;
for Dutch and German there is no model here, and for every language a body is most often written as a
head noun ("université", "Ministerie", "Forschungsgemeinschaft", "GmbH") with the capitalised words that
say which one. This matcher reads those phrases as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import fold, load_file

_DATA = load_file("bodies.yaml")
_HEADS = frozenset(_DATA["heads"])
_COMPOUND_HEADS = tuple(_DATA["compound_heads"])
_LINKERS = frozenset(fold(w).strip() for w in _DATA["linkers"])
_COORDINATORS = frozenset(fold(w) for w in _DATA["coordinators"])
_ARTICLES = frozenset(fold(w) for w in _DATA["articles"])
_LEGAL_FORM = re.compile(r"(?:" + "|".join(_DATA["legal_forms"]) + r")$")
_ADJECTIVE = re.compile(r"(?:" + "|".join(_DATA["name_adjectives"]) + r")$")
# Words, an elided article on its own ("d'", "l'"), and an acronym in brackets.
_TOKEN = re.compile(r"(?<!\w)[dlDL][’'](?=\w)|\w+(?:[’'.\-]\w+)*|\(\s*[A-Z][\w\-]*\s*\)")


@dataclass
class Body:
    start: int
    end: int
    text: str


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word.startswith("(")


def _is_head(word: str) -> bool:
    return fold(word).rstrip(".") in _HEADS


def _is_compound_head(word: str) -> bool:
    """A capitalised compound ending with a head, with a word before it ("Forschungsgemeinschaft", not "Coverband")."""
    folded = fold(word)
    return _capitalised(word) and any(folded.endswith(h) and len(folded) - len(h) >= 4 for h in _COMPOUND_HEADS)


@lru_cache(maxsize=4096)
def find_bodies(text: str) -> tuple[Body, ...]:
    """Organisations a passage names, as written.

    >>> [b.text for b in find_bodies("Les études sont menées par l'université de Bourgogne et la ville de Dijon.")]
    ['université de Bourgogne', 'ville de Dijon']
    >>> [b.text for b in find_bodies("Gefördert von der Deutschen Stiftungsgemeinschaft und der Agentur Nord GmbH.")]
    ['Deutschen Stiftungsgemeinschaft', 'Agentur Nord GmbH']
    """
    tokens = list(_TOKEN.finditer(text))
    out: list[Body] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group(0)
        named_before = ((_is_head(word) and _capitalised(word) or _is_compound_head(word))
                        and _capitalised_word_before(tokens, i))
        if not (_is_compound_head(word) or named_before or (_is_head(word) and _has_name_after(tokens, i))):
            i += 1
            continue
        first = i - 1 if named_before else i
        # "Deutsche Rentenversicherung", "Fraunhofer-Institut": capitalised adjectives before the head.
        while first > 0 and _ADJECTIVE.match(fold(tokens[first - 1].group(0))) and _capitalised(tokens[first - 1].group(0)):
            first -= 1
        last = _name_end(tokens, i)
        if last == i and not _capitalised(word):
            i += 1
            continue
        start, end = tokens[first].start(), tokens[last].end()
        out.append(Body(start, end, text[start:end].rstrip(".")))
        i = last + 1
    return tuple(out)


def _capitalised_word_before(tokens: list, i: int) -> bool:
    """"de Vlaamse Gemeenschap", "la Commission Européenne": a capitalised word before a capitalised head,
    inside the sentence (not its first word)."""
    if i < 2 or _between(tokens, i).strip():
        return False
    word, before = tokens[i - 1].group(0), _between(tokens, i - 1)
    return word[:1].isupper() and word.isalpha() and not before.strip(" ") and fold(tokens[i - 2].group(0)).strip() in _LINKERS | _ARTICLES


def _has_name_after(tokens: list, i: int) -> bool:
    """A lower-case head opens a body only when a capitalised name follows ("la ville de Mons", not "la ville")."""
    return _name_end(tokens, i) > i


def _name_end(tokens: list, i: int) -> int:
    """The last token of a body's name opened by the head at token i: capitalised words, the linkers between
    them, a legal form or an acronym in brackets."""
    last, j, coordinated, complement = i, i + 1, False, False
    while j < len(tokens) and not _between(tokens, j).strip() and "\n" not in _between(tokens, j):
        word = tokens[j].group(0)
        if word.startswith("("):
            return j  # "Institut (HPI)": the acronym closes the name
        if fold(word) in _COORDINATORS and not complement:
            break  # "X und Leiter …": only a complement's words are coordinated ("für Bildung und Forschung")
        if _capitalised(word) or _LEGAL_FORM.match(fold(word)):
            if coordinated and (_is_head(word) or _is_compound_head(word) or _ADJECTIVE.match(fold(word))):
                break  # "… Forschungsgemeinschaft und des Fonds …": a second body begins
            last = j
        elif fold(word).strip() not in _LINKERS:
            break
        coordinated = coordinated or fold(word) in _COORDINATORS
        complement = complement or fold(word).strip() in _LINKERS
        j += 1
    return last


def _between(tokens: list, j: int) -> str:
    return tokens[j].string[tokens[j - 1].end():tokens[j].start()]


# A proper name: an acronym, or a word with a capital inside ("Lern-Portal", "WikiCampus", "GreenHarbour").
PROPER_NAME = re.compile(r"\b(?:[A-ZÄÖÜ]{2,}\w*|\w+-[A-ZÄÖÜ]\w*|[a-zäöü]*[A-Z]\w*[a-z][A-Z]\w*)(?:[\s-]+(?:[A-ZÄÖÜ]{2,}\w*|\w*-?[A-ZÄÖÜ]\w*))*")
