"""Document metadata: language, title, publication date, and the region a monograph describes."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from extractors.annotate.areas import AREAS, find_areas
from extractors.read.layout import clean_markup
from extractors.annotate.periods import MONTHS, find_periods

_STOPWORDS = {
    "fr": "le la les des du de et est une un pour dans sur avec par qui que au aux ce cette son ses leur sont été".split(),
    # Words French also writes ("de", "en", "des") would make a French table of "en 2024" Dutch.
    "nl": "het een van voor met door dat zijn wordt worden aan bij ook naar hun als tot niet deze".split(),
    "de": "der das und ist ein eine mit für von dem zu im auf sich nicht auch wird sind bei".split(),
    "en": "the and of to in is for with on that are by this from be as an at which have".split(),
}


def detect_language(text: str) -> str:
    """The main language, by counting each language's most common words.

    >>> detect_language("Het project wordt gedragen door de drie publieke diensten")
    'nl'
    >>> detect_language("Le projet est porté par la Région et ses partenaires")
    'fr'
    """
    words = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text[:200_000]))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    return max(scores, key=lambda lang: (scores[lang], lang == "fr"))


def detect_title(text: str) -> str | None:
    """The first meaningful line: not a navigation label, not a date, at most 300 characters.

    >>> detect_title("\\n\\nContenu principal de la page\\nArticle publié le 09/07/2021\\n\\nLa Région renouvelle sa coopération\\n")
    'La Région renouvelle sa coopération'
    """
    for line in text.splitlines():
        line = clean_markup(line)
        if len(line) < 4 or len(line) > 300:
            continue
        if re.match(r"(?i)(contenu principal|aller au contenu|menu|accueil|skip to|article publié|mis à jour|page \d)", line):
            continue
        if find_periods(line) and len(line) < 25:
            continue
        return line
    return None


_PUBLISHED = re.compile(
    r"(?i)(?:publié|publiée|paru|mis en ligne|gepubliceerd|veröffentlicht|published|date de publication)\s*(?:le|op|am|on)?\s*:?\s*"
)


def detect_published_on(text: str, language: str) -> dt.date | None:
    """The publication date a document states: "Article publié le 09/07/2021", a by-line
    "Par X - Le 26 mai 2025.", or a monograph's cover month "Avril 2026".

    >>> detect_published_on("Article publié le 09/07/2021\\n", "fr")
    datetime.date(2021, 7, 9)
    >>> detect_published_on("Par Michel Jouini - Le 26 mai 2025.\\n", "fr")
    datetime.date(2025, 5, 26)
    """
    head = text[:5000]
    for m in _PUBLISHED.finditer(head):
        periods = find_periods(head, language, m.end(), min(len(head), m.end() + 40))
        if periods and periods[0].precision == "day" and periods[0].char_start - m.end() < 5:
            return periods[0].start
    byline = re.search(r"(?im)^\s*(?:par|door|von|by)\s+[^\n]{2,60}?[-–,]\s*(?:le\s+)?([^\n]{6,30})$", text)
    if byline:
        periods = find_periods(byline.group(1), language)
        if periods and periods[0].precision == "day":
            return periods[0].start
    # A cover line that is only a month and year: the edition of a monograph.
    for line in text[:3000].splitlines():
        line = line.strip()
        m = re.fullmatch(r"(?i)(%s)\s+((?:19|20)\d{2})" % "|".join(MONTHS), line)
        if m:
            return dt.date(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
    return None


def main_region(text: str) -> str | None:
    """The region (or programme area) a document names most: what "la région" means in it.

    >>> main_region("Région Hauts-de-France ... la région Hauts-de-France et la Belgique")
    'FR-HDF'
    """
    found = [a.code for a in find_areas(text)]
    # A region first; a fact sheet about a province or département means that one.
    for levels in (("region", "former_region"), ("province", "departement")):
        counts = Counter(code for code in found if AREAS[code][0] in levels)
        if counts:
            return counts.most_common(1)[0][0]
    return None
