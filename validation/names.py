"""Telling that two names or parties denote the same agreement, across wording and languages."""
from __future__ import annotations

import functools
import re
import unicodedata

# The same names and parties come back in every pair an agreement is compared in (tens of thousands
# on a large warehouse): each is normalised once.
CACHED_NAMES = 1 << 16

def _lexicon_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that say nothing of which agreement or party is meant, from the extractors' lexicon:
    the languages' commonest words and words meaning "region"; for names also the kinds of agreement
    (convention, accord, Abkommen, …)."""
    from extractors.lexicon import load_file

    metadata, areas, agreements = load_file("metadata.yaml"), load_file("areas.yaml"), load_file("agreements.yaml")
    common = {norm(w) for words in metadata["stopwords"].values() for w in words}
    common |= {norm(w) for w in areas["region_words"] + agreements["generic_party_words"]}
    def first_word(pattern: str) -> str:  # "coop[ée]ration(?: \\w+)?" -> "cooperation"
        literal = re.sub(r"\[(.)[^\]]*\]", r"\1", re.sub(r"\(\?:.*?\)\??|.\?", "", pattern))
        return norm(literal).split(" ")[0]

    kinds = {first_word(noun) for noun in agreements["agreement_nouns"]}
    return frozenset(common), frozenset(common | kinds | {norm(w) for w in agreements["generic_name_words"]})


@functools.lru_cache(maxsize=CACHED_NAMES)
def norm(text: str | None) -> str:
    """Lower case, no accents, words separated by single spaces.

    >>> norm("Coopération  Éducative-et linguistique")
    'cooperation educative et linguistique'
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@functools.lru_cache(maxsize=CACHED_NAMES)
def party_key(p: str) -> str:
    return " ".join(t for t in norm(p).split() if t not in _generic()[0])


@functools.lru_cache(maxsize=CACHED_NAMES)
def name_tokens(name: str | None) -> frozenset[str]:
    """The distinctive words of a name: no kind of agreement, no common word, no place (the areas the
    name mentions are found with the gazetteer, not listed here)."""
    from extractors.annotate.areas import find_areas

    places = {w for a in find_areas(name or "") for w in norm(a.name).split()}
    return frozenset(t for t in norm(name).split()
                     if t not in _generic()[1] and t not in places and len(t) > 2 and not t.isdigit())


_CACHE: dict = {}


def _generic() -> tuple[frozenset[str], frozenset[str]]:
    if "words" not in _CACHE:
        _CACHE["words"] = _lexicon_words()
    return _CACHE["words"]


def names_match(a: str | None, b: str | None) -> bool:
    """Same agreement by name: equal once normalised, or one contained in the other as whole words."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short_, long_ = sorted((na, nb), key=len)
    return len(short_) >= 6 and len(name_tokens(short_)) >= 1 and f" {short_} " in f" {long_} "
