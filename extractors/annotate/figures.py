"""Matcher for figures: numbers as French, Belgian, Dutch and German write them.

A figure is a number with its scale ("millions", "M€", "miljoen"), unit
("%", "euros", "km²") and qualifier ("près de", "plus de", "meer dan").
Digits are found with a regular expression and parsed with Babel in the
document's locale; numbers in words go through text2num.
"""
from __future__ import annotations

from extractors.lexicon import ORDINAL_SUFFIX, alternation, load_file, strip_accents  # noqa: F401  (strip_accents re-exported)

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

# Thousands groups may be separated by a space, NBSP, narrow NBSP, thin space, "." or "'".
_SP = "[ \u00a0\u202f\u2009]"
_NUMBER_RE = re.compile(
    rf"""(?<![\w.,/])(?<!\d{_SP})
    (?P<num>
        \d{{1,3}}(?:{_SP}\d{{3}})*,\d{{3}}(?:{_SP}\d{{1,3}})+(?![\d,]) # 3,307 89: decimals grouped by three
      | \d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?(?!\d)     # 5 998 916 / 1 085,094
      | \d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?![\d.]\d)  # 62.000 / 1.085,094
      | \d+,\d+                                     # 400,4
      | \d+\.\d+                                    # 10.8 (English decimal)
      | \d+
    )""",
    re.VERBOSE,
)

_LEX = load_file("figures.yaml")
_GLUED_SCALE = re.compile(r"\s?" + alternation("figures.yaml", "glued_scale_abbreviations"), re.IGNORECASE)
_NUMBERING_BEFORE = re.compile(alternation("figures.yaml", "numbering_words_before") + r"\s*$", re.IGNORECASE)
_JOINERS = alternation("figures.yaml", "number_word_joiners")
# Scale words and symbols that follow a number, with their multiplier and unit (lexicon/figures.yaml).
_SCALES: list[tuple[str, float, str | None]] = [(e["pattern"], float(e["factor"]), e["unit"])
                                                for e in _LEX["scales_after_number"]]
_SCALE_RE = re.compile(
    r"\s*(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _, _) in enumerate(_SCALES)) + ")",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?:" + "|".join(_LEX["currency_before_number"]) + r")\.?\s?$",
                              re.IGNORECASE)
_CHANGE_UNIT_AFTER = re.compile(r"\s*(?:" + "|".join(_LEX["change_units_after_number"]) + ")", re.IGNORECASE)

# Qualifiers written before a figure; the longest phrases come first.
_QUALIFIERS: list[tuple[str, str]] = [(e["pattern"], e["kind"]) for e in _LEX["qualifiers_before_number"]]
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(\[«\"']))(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS)) + r")\s*$",
    re.IGNORECASE,
)

# "une centaine", "een tiental": approximate round numbers written as nouns.
_ROUND_NOUNS: dict[str, int] = _LEX["round_nouns"]
_ROUND_NOUN_RE = re.compile(
    r"\b(?:une?|een|plus\s+d[’']une?|près\s+d[’']une?)\s+(?P<noun>" + "|".join(_ROUND_NOUNS) + r")s?\b",
    re.IGNORECASE,
)

# Number words text2num understands; used to find candidate spans in running text.
_WORDS = {lang: " ".join(words) for lang, words in _LEX["number_words"].items()}
# Articles that double as "one": never read alone as a figure.
_ARTICLES = set(_LEX["articles_meaning_one"])


@dataclass(frozen=True)
class Figure:
    """A number found in text, in base units.

    `start`/`end` cover the digits or words (what a reader would highlight);
    `unit` is None when the text gives none (a bare count).
    """

    value: float
    start: int
    end: int
    unit: str | None
    qualifier: str | None
    precision: float  # half the unit of the last written digit, in base units
    decimals: int
    scale: float
    surface: str
    in_words: bool = False


def locale_for(language: str) -> str:
    """Babel locale for a document language.

    >>> locale_for("nl")
    'nl_BE'
    """
    return {"fr": "fr_FR", "nl": "nl_BE", "de": "de_DE", "en": "en_GB"}.get(language, "fr_FR")


def parse_number(surface: str, language: str = "fr") -> tuple[float, int]:
    """Parse digits as written in the language; return (value, decimals).

    >>> parse_number("5 998 916")
    (5998916.0, 0)
    >>> parse_number("1 085,094")
    (1085.094, 3)
    >>> parse_number("0,064 87")
    (0.06487, 5)
    >>> parse_number("62.000", "nl")
    (62000.0, 0)
    >>> parse_number("10.8", "fr")
    (10.8, 1)
    """
    s = re.sub(_SP, "", surface)
    if "," in s and "." in s:
        # 1.085,094: dot groups, comma decimals (Belgian, Dutch, German)
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif "." in s:
        head, _, tail = s.rpartition(".")
        # "62.000" is a thousands group in every language we read; "10.8" a decimal point.
        if len(tail) == 3 and head.replace(".", "").isdigit() and re.fullmatch(r"\d{1,3}(\.\d{3})*", head):
            s = s.replace(".", "")
    try:
        value = parse_decimal(s, locale="en_US", strict=False)
    except NumberFormatError as exc:  # pragma: no cover - the regex only lets digits through
        raise ValueError(f"not a number: {surface!r}") from exc
    decimals = -value.as_tuple().exponent if isinstance(value, Decimal) and value.as_tuple().exponent < 0 else 0
    return float(value), decimals


def written_end(text: str, fig: "Figure") -> int:
    """Where a figure ends as written, with the scale word or unit after it ("5,8 Prozent", "2 M€").

    >>> t = "5,8 Prozent im Oktober"; written_end(t, find_figures(t, "de")[0])
    11
    """
    return _scale_after(text, fig.end)[2]


def _scale_after(text: str, pos: int) -> tuple[float, str | None, int]:
    """Scale multiplier, unit and end offset of a scale word right after `pos`.

    >>> _scale_after("12 M€ en 2024", 2)
    (1000000.0, 'EUR', 5)
    """
    m = _SCALE_RE.match(text, pos)
    if not m:
        return 1.0, None, pos
    for i, (_, mult, unit) in enumerate(_SCALES):
        if m.group(f"s{i}"):
            end = m.end()
            if unit is None or mult != 1.0:
                # "2 millions d'euros": the currency may follow the scale word.
                cur = re.match(r"\s*(?:d[’']euros?|euros?|€|eur\b)", text[end:], re.IGNORECASE)
                if cur:
                    unit, end = "EUR", end + cur.end()
            return mult, unit, end
    return 1.0, None, pos  # pragma: no cover


def qualifier_before(text: str, pos: int) -> str | None:
    """Qualifier phrase ending right before offset `pos`.

    >>> qualifier_before("il y a près de 320", 15)
    'approx'
    >>> qualifier_before("meer dan 10,8", 9)
    'min'
    """
    window = text[max(0, pos - 30) : pos]
    m = _QUALIFIER_RE.search(window)
    if not m:
        return None
    for i, (_, kind) in enumerate(_QUALIFIERS):
        if m.group(f"q{i}"):
            return kind
    return None  # pragma: no cover


def _month_names() -> str:
    from extractors.annotate.periods import MONTHS
    return "|".join(MONTHS)




def _is_footnote_or_code(text: str, start: int, end: int) -> bool:
    """Numbers that are not figures: footnote marks "(1)", ordinals "3e", codes "n° 2025-1362"."""
    before, after = text[max(0, start - 4) : start], text[end : end + 4]
    if before.endswith("(") and after.startswith(")") and end - start <= 2:
        return True
    after = text[end : end + 6]
    if re.match(rf"\s?\^?\s?\{{?(?:{ORDINAL_SUFFIX}|°)(?![a-zà-ÿ])", after) and end - start <= 3:
        return True
    if re.search(r"[A-Za-z][-–]$", text[max(0, start - 2) : start]):
        return True  # "Année N-1", "COVID-19"
    if re.fullmatch(r"0\d+", text[start:end]):
        return True  # "03 20 30 59 59": telephone numbers and codes start with a zero
    if re.match(r"\s+(?:%s)\b" % _month_names(), text[end : end + 12], re.IGNORECASE) and end - start <= 2:
        return True  # the day of a date ("jeudi 13 novembre")
    if re.match(r"\d[-–]\d", text[max(0, start - 2) : start + 1]):
        return True  # the second half of "2025-1362" or "16-25"
    if re.match(r"\.[a-zà-ÿ]", after):
        return True  # "1.de deelnemers": a list item's number
    if re.match(r"(?:[A-Za-zÀ-ÿ_/@]|-\S)", after) and not _GLUED_SCALE.match(after):
        return True  # 2020-strategie, 3D, 1er handled above
    if _NUMBERING_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    return False


_COMMA_GROUP = re.compile(r"\d{1,3},\d{3}")
_SPACE_GROUPS = re.compile(rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?")


def comma_thousands_reading(surface: str, neighbours: list[str], language: str) -> float | None:
    """The other reading of "1,234" among figures that group thousands with spaces ("12 345", "9 876"):
    the language reads the comma as decimal (1.234), but there it may group thousands (1234).
    None when the digits read one way only.

    >>> comma_thousands_reading("1,234", ["12 345", "9 876", "1,234"], "fr")
    1234.0
    >>> comma_thousands_reading("1,234", ["0,512", "2,007"], "fr") is None, comma_thousands_reading("1,23", ["12 345", "9 876"], "fr")
    (True, None)
    """
    if language == "en" or not _COMMA_GROUP.fullmatch(surface):
        return None
    spaced = sum(bool(_SPACE_GROUPS.fullmatch(s)) for s in neighbours if s != surface)
    return float(surface.replace(",", "")) if spaced >= 2 else None


def _has_minus_sign(text: str, start: int) -> bool:
    """A minus sign glued to the number ("-5,54%") and not a range dash ("2016-2019"); official texts
    print it as a dash or a horizontal bar, a space apart ("― 44 334").

    >>> [f.value for f in find_figures("― 44 334 ; 12 500", "fr")]
    [-44334.0, 12500.0]
    """
    i = start - 1
    if i >= 0 and text[i] in " \u00a0\u202f\u2009":
        i -= 1  # "- 5,54 %"
    return i >= 0 and text[i] in "-−–―" and (i == 0 or text[i - 1] in " \t\n(|")


def find_figures(text: str, language: str = "fr", start: int = 0, end: int | None = None) -> list[Figure]:
    """All figures in text[start:end], with absolute offsets.

    >>> [(f.value, f.unit, f.qualifier) for f in find_figures("près de 5,2 milliards d'euros")]
    [(5200000000.0, 'EUR', 'approx')]
    >>> [(f.value, f.unit) for f in find_figures("Het dekt 62.000 km² en telt meer dan 10,8 miljoen inwoners.", "nl")]
    [(62000.0, 'km2'), (10800000.0, None)]
    """
    end = len(text) if end is None else end
    figures: list[Figure] = []
    for m in _NUMBER_RE.finditer(text, start, end):
        s, e = m.start("num"), m.end("num")
        surface = m.group("num")
        if _is_footnote_or_code(text, s, e):
            continue
        if language != "en" and re.fullmatch(r"\d+\.\d{1,2}", surface):
            continue  # "3.0", "4.0": version labels; French, Dutch and German write decimals with a comma
        value, decimals = parse_number(surface, language)
        if _has_minus_sign(text, s):
            value = -value
        scale, unit, _ = _scale_after(text, e)
        if unit is None and _CURRENCY_BEFORE.search(text[max(0, s - 8): s]):
            unit = "EUR"  # "€ 12.345.600", "EUR 1 107 million"
        if unit is None and _CHANGE_UNIT_AFTER.match(text, e):
            unit = "points"  # "+0,1 point": a change between two rates
        precision = 0.5 * 10 ** (-decimals) * scale
        figures.append(
            Figure(value * scale, s, e, unit, qualifier_before(text, s), precision, decimals, scale, surface)
        )
    figures = _share_trailing_units(text, figures)
    figures.extend(_round_nouns(text, start, end))
    figures.extend(_number_words(text, language, start, end))
    figures.sort(key=lambda f: f.start)
    return figures


_COORDINATED = re.compile(r"\s*(?:" + "|".join(map(re.escape, _LEX["coordinators_between_numbers"])) + r")\s*",
                          re.IGNORECASE)


def _share_trailing_units(text: str, figures: list[Figure]) -> list[Figure]:
    """A bare number joined to the next by "en"/"et"/"und"/"à" takes the unit and scale written after
    that one: "respectievelijk 9,1 en 10,4 procent" states two percentages.

    >>> [(f.value, f.unit) for f in find_figures("respectievelijk 9,1 en 10,4 procent", "nl")]
    [(9.1, 'percent'), (10.4, 'percent')]
    >>> [(f.value, f.unit) for f in find_figures("entre 2 et 3 millions d'euros")]
    [(2000000.0, 'EUR'), (3000000.0, 'EUR')]
    >>> [(f.value, f.unit) for f in find_figures("en 2019 et 4 %")]  # a year shares no unit
    [(2019.0, None), (4.0, 'percent')]
    """
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):  # from the end: "2, 3 et 4 %" passes the unit back along the chain
        first, second = out[i], out[i + 1]
        if first.unit is not None or first.scale != 1 or (second.unit is None and second.scale == 1):
            continue
        if first.decimals == 0 and 1900 <= first.value <= 2100:
            continue  # a year
        joint = _COORDINATED.fullmatch(text, first.end, second.start)
        if joint is None:
            continue
        scale = second.scale
        out[i] = Figure(first.value * scale, first.start, first.end, second.unit, first.qualifier,
                        first.precision * scale, first.decimals, scale, first.surface, first.in_words)
    return out


def _round_nouns(text: str, start: int, end: int) -> list[Figure]:
    out = []
    for m in _ROUND_NOUN_RE.finditer(text, start, end):
        value = _ROUND_NOUNS[m.group("noun").lower()]
        qualifier = "min" if m.group(0).lower().startswith("plus") else "approx"
        out.append(Figure(float(value), m.start(), m.end(), None, qualifier, value * 0.05, 0, 1.0, m.group(0), True))
    return out


@lru_cache(maxsize=8)
def _word_re(language: str) -> re.Pattern:
    words = sorted(_WORDS.get(language, _WORDS["fr"]).split(), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    # A run of number words joined by spaces, hyphens or "et"/"en"/"und" ("vingt et un", "drieëntwintig").
    return re.compile(
        rf"(?<![\w-])(?:(?:{alt})(?:(?:[\s-]|\s{_JOINERS}\s)(?={alt}))?)+(?![\w-])|(?<![\w-])\w*(?:{alt})\w*(?:{alt})(?![\w-])",
        re.IGNORECASE,
    )


def _number_words(text: str, language: str, start: int, end: int) -> list[Figure]:
    """Numbers in words through text2num ("douze" → 12, "cinquante-cinq" → 55).

    >>> [f.value for f in _number_words("de douze partenaires", "fr", 0, 20)]
    [12.0]
    """
    from text_to_num import text2num

    out = []
    for m in _word_re(language).finditer(text, start, end):
        words = m.group(0)
        if words.lower() in _ARTICLES:
            continue
        line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if words.isupper() and not line.isupper():
            continue  # "Valérie SIX": a name in capitals, not a number
        try:
            value = text2num(words.lower(), language if language in ("fr", "nl", "de", "en") else "fr")
        except (ValueError, IndexError):
            continue
        s, e = m.start(), m.end()
        scale, unit, _ = _scale_after(text, e)
        out.append(Figure(float(value) * scale, s, e, unit, qualifier_before(text, s), 0.5 * scale, 0, scale, words, True))
    return out
