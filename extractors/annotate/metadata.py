"""Document metadata: language, title, publication date, and the region a monograph describes."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from extractors.annotate.areas import AREAS, find_areas
from extractors.read.front_matter import front_matter_block, front_matter_end, header_values
from extractors.read.layout import clean_markup
from extractors.annotate.periods import MONTHS, find_periods
from extractors.lexicon import fold, load_file

_LEX = load_file("metadata.yaml")
_NATIONAL_BODIES: dict[str, list[str]] = load_file("areas.yaml")["national_bodies"]
_STOPWORDS: dict[str, list[str]] = _LEX["stopwords"]
_NAVIGATION = re.compile(r"(?i)(?:" + "|".join(_LEX["navigation_lines"]) + ")")
_PUBLISHED = re.compile(
    r"(?i)(?:" + "|".join(_LEX["published_cues"]) + r")\s*(?:" + "|".join(_LEX["published_links"]) + r")?\s*:?\s*")
_BYLINE = re.compile(r"(?im)^\s*(?:" + "|".join(_LEX["byline_words"])
                     + r")\s+[^\n]{2,60}?[-–,]\s*(?:le\s+)?([^\n]{6,30})$")
def front_matter(text: str) -> dict[str, str]:
    """A document's front matter ("---" block) or leading "Key: value" header lines: the values of its
    title and date keys (lexicon `title_keys`, `date_keys`), keys lower-cased.

    >>> front_matter('---\\ntitle: "Minder vacatures in de zorg"\\ndate: Mon, 3 Feb 2020 09:15:00 +0100\\n---\\nTekst')["title"]
    'Minder vacatures in de zorg'
    """
    # (no "---" block: the first lines, where a "Title:" or "Datum:" line may stand above the text)
    block = front_matter_block(text[:20000]) or "\n".join(text[:3000].splitlines()[:8])
    wanted = _LEX["title_keys"] + _LEX["date_keys"]
    return {key: value for key, value in header_values(block).items() if key in wanted and value}


def _header_date(value: str) -> dt.date | None:
    """A header's date in the forms front matters use: ISO, RFC 2822 (e-mail), or written out."""
    from email.utils import parsedate_to_datetime

    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        periods = [p for p in find_periods(value) if p.precision == "day"]
        return periods[0].start if periods else None


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
    header = front_matter(text)
    for key in _LEX["title_keys"]:
        if header.get(key):
            return header[key][:300]
    for line in text[front_matter_end(text):].splitlines():
        line = clean_markup(line)
        if len(line) < 4 or len(line) > 300:
            continue
        if _NAVIGATION.match(line):
            continue
        if find_periods(line) and len(line) < 25:
            continue
        return line
    return None


def detect_published_on(text: str, language: str) -> dt.date | None:
    """The publication date a document states: "Article publié le 09/07/2021", a by-line
    "Par X - Le 26 mai 2025.", or a monograph's cover month "Avril 2026".

    >>> detect_published_on("Article publié le 09/07/2021\\n", "fr")
    datetime.date(2021, 7, 9)
    >>> detect_published_on("Par Michel Jouini - Le 26 mai 2025.\\n", "fr")
    datetime.date(2025, 5, 26)
    >>> detect_published_on("Neue Brücke eröffnet\\n\\n14.06.2022\\n\\nHeute wurde …", "de")
    datetime.date(2022, 6, 14)
    """
    header = front_matter(text)
    for key in _LEX["date_keys"]:
        if header.get(key) and _header_date(header[key]):
            return _header_date(header[key])
    head = text[:5000]
    for m in _PUBLISHED.finditer(head):
        periods = find_periods(head, language, m.end(), min(len(head), m.end() + 40))
        if periods and periods[0].precision == "day" and periods[0].char_start - m.end() < 5:
            return periods[0].start
    byline = _BYLINE.search(text)
    if byline:
        periods = find_periods(byline.group(1), language)
        if periods and periods[0].precision == "day":
            return periods[0].start
    # A dateline: one of the first lines is a day and nothing else ("14.05.2022" under a press release's title).
    for line in [l.strip() for l in text[:2000].splitlines() if l.strip()][:6]:
        periods = find_periods(line, language)
        if len(periods) == 1 and periods[0].precision == "day" and len(periods[0].surface) >= len(line) - 1:
            return periods[0].start
    # A cover line that is only a month and year: the edition of a monograph.
    for line in text[:3000].splitlines():
        line = line.strip()
        m = re.fullmatch(r"(?i)(%s)\s+((?:19|20)\d{2})" % "|".join(MONTHS), line)
        if m:
            return dt.date(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
    return None


def main_country(text: str, language: str | None = None, mentions: list | None = None) -> str | None:
    """The country a document names most, counting its subdivisions for it, among the countries
    whose official languages (Babel's data) include the document's: where a figure is when nothing
    nearer says. A national press article names its country a few times and others once; an
    article in German about apprentices from Vietnam is still about Germany.

    >>> main_country("Het aantal werklozen daalde. In Nederland ... de werkloosheid in Nederland, Spanje en de EU", "nl")
    'NL'
    >>> main_country("En Bavière et en Saxe comme en France", "fr"), main_country("Sans lieu.", "fr")
    ('FR', None)
    >>> main_country("Azubis aus Vietnam, Vietnam und Vietnam in Deutschland", "de")
    'DE'
    >>> main_country("Volgens het CBS steeg het aantal vacatures.", "nl")
    'NL'
    """
    from babel.languages import get_official_languages

    counts = Counter()
    for a in find_areas(text) if mentions is None else mentions:
        country = a.code if AREAS[a.code][0] == "country" else a.code.split("-")[0]
        if AREAS.get(country, ("",))[0] != "country":
            continue
        if language and language != "en" and language not in get_official_languages(country):
            continue  # (English is written about every country: no filter)
        counts[country] += 1
    if not counts:
        # No country named: the national statistics office or employment service it cites says which.
        folded = fold(text)
        for country, patterns in _NATIONAL_BODIES.items():
            counts[country] += sum(len(re.findall(p, folded)) for p in patterns)
        counts = +counts
    return counts.most_common(1)[0][0] if counts else None


def main_region(text: str, mentions: list | None = None) -> str | None:
    """The region (or programme area) a document names most: what "la région" means in it.
    `mentions`: the text's area mentions, when the caller has them already (one gazetteer pass).

    >>> main_region("Région Hauts-de-France ... la région Hauts-de-France et la Belgique")
    'FR-HDF'
    """
    found = [a.code for a in (find_areas(text) if mentions is None else mentions)]
    # A region first; a fact sheet about a province or département means that one.
    for levels in (("region", "former_region"), ("province", "departement")):
        counts = Counter(code for code in found if AREAS[code][0] in levels)
        if counts:
            return counts.most_common(1)[0][0]
    return None
