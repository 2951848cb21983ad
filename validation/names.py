"""Telling that two names or parties denote the same agreement, across wording and languages."""
from __future__ import annotations

import re
import unicodedata

_GENERIC = {
    "region", "regional", "regionale", "conseil", "la", "le", "les", "l", "de", "du", "des", "d", "et",
    "en", "au", "aux", "pour", "the", "of", "and", "van", "het", "der", "die", "und",
}
_NAME_GENERIC = _GENERIC | {
    "convention", "contrat", "plan", "accord", "partenariat", "projet", "programme", "project",
    "cooperation", "pacte", "charte", "protocole", "hauts", "france", "interreg",
}


def norm(text: str | None) -> str:
    """Lower case, no accents, words separated by single spaces.

    >>> norm("Coopération  Éducative-et linguistique")
    'cooperation educative et linguistique'
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def party_key(p: str) -> str:
    return " ".join(t for t in norm(p).split() if t not in _GENERIC)


def name_tokens(name: str | None) -> set[str]:
    """The distinctive words of a name (no kind of agreement, no place every document names)."""
    return {t for t in norm(name).split() if t not in _NAME_GENERIC and len(t) > 2 and not t.isdigit()}


def names_match(a: str | None, b: str | None) -> bool:
    """Same agreement by name: equal once normalised, or one contained in the other as whole words."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short_, long_ = sorted((na, nb), key=len)
    return len(short_) >= 6 and len(name_tokens(short_)) >= 1 and f" {short_} " in f" {long_} "
