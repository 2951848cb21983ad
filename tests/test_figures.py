"""The figure matcher on numbers written the French, Belgian, Dutch and German way."""
from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.annotate.figures import find_figures, parse_number, qualifier_before


def one(text: str, language: str = "fr"):
    figures = find_figures(text, language)
    assert len(figures) == 1, [(f.surface, f.value) for f in figures]
    return figures[0]


LOCALES = {"fr": "fr_FR", "nl": "nl_BE", "de": "de_DE"}


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False),
    language=st.sampled_from(sorted(LOCALES)),
    space=st.sampled_from([" ", "\u00a0", "\u202f"]),
)
def test_a_number_formatted_in_a_locale_parses_back(value, language, space):
    written = format_decimal(value, locale=LOCALES[language], decimal_quantization=False, group_separator=True)
    if language == "fr":
        written = written.replace("\u202f", space)
    figure = one(f"Le total atteint {written} en fin d'exercice.", language)
    assert abs(figure.value - float(value)) < 1e-6
    assert figure.surface == written


@settings(max_examples=100, deadline=None)
@given(value=st.integers(min_value=1000, max_value=999_999_999))
def test_dutch_and_german_thousands_dots_are_not_decimals(value):
    written = format_decimal(value, locale="nl_BE")  # 62.000, 1.234.567
    assert one(f"ongeveer {written} inwoners", "nl").value == value


def test_grouped_digits_with_narrow_and_non_breaking_spaces():
    assert one("soit 12\u202f345\u00a0678 personnes").value == 12_345_678


def test_scale_words_and_symbols_give_base_units():
    assert one("un budget de 3,5 milliards d'euros").value == 3_500_000_000
    assert one("une enveloppe de 12 M€").value == 12_000_000
    assert one("une dotation de 2,25 Md€").value == 2_250_000_000
    assert one("une aide de 750 k€").value == 750_000
    assert one("een budget van 4,2 miljoen euro", "nl").value == 4_200_000
    assert one("ein Zuschuss von 1,3 Mio. €", "de").value == 1_300_000
    figure = one("7 millions d'habitants")
    assert (figure.value, figure.unit) == (7_000_000, "persons")


def test_units_percent_and_area():
    assert (one("un taux de 12,5 %").unit, one("un taux de 12,5 %").value) == ("percent", 12.5)
    assert one("une zone de 45 000km2").unit == "km2"
    assert one("een oppervlakte van 1.200 km²", "nl").value == 1200


def test_precision_follows_the_written_digits():
    assert one("401,3 millions d'euros").precision == 50_000
    assert one("4 512 personnes").precision == 0.5


def test_negative_changes_keep_their_sign_but_ranges_do_not():
    assert one("une baisse de -3,25 %").value == -3.25
    assert [f.value for f in find_figures("entre 12 et 15-20 ans")][:1] == [12]


def test_qualifiers_in_three_languages():
    assert one("près de 40 stagiaires").qualifier == "approx"
    assert one("plus de 300 entreprises").qualifier == "min"
    assert one("moins de 5 % des apprentis").qualifier == "max"
    assert one("meer dan 25 bedrijven", "nl").qualifier == "min"
    assert one("rund 80 Betriebe", "de").qualifier == "approx"
    assert qualifier_before("il y a environ 60", 15) == "approx"


def test_numbers_in_words_and_round_nouns():
    assert one("avec quatorze partenaires").value == 14
    assert one("soixante-douze communes").value == 72
    assert one("met vijftien partners", "nl").value == 15
    figure = one("une vingtaine de projets")
    assert (figure.value, figure.qualifier) == (20, "approx")
    assert one("plus d'une centaine de structures").qualifier == "min"
    assert find_figures("un plan et une idée") == []


def test_codes_footnotes_ordinals_and_phones_are_not_figures():
    assert find_figures("au 2 ^e trimestre (3)") == [] or all(f.value != 2 for f in find_figures("au 2 ^e trimestre (3)"))
    assert find_figures("Décret n° 2024-815") == []
    assert find_figures("Tél. 03 21 44 55 66") == []
    assert find_figures("Année N-1") == []
    assert find_figures("la méthode 4.0") == []
    assert [f.value for f in find_figures("le jeudi 14 mars")] == []


def test_parse_number_returns_decimals():
    assert parse_number("1.085,094", "de") == (1085.094, 3)
    assert parse_number("7 300") == (7300.0, 0)


@pytest.mark.parametrize("text,language,expected", [
    ("met respectievelijk 9,1 en 10,4 procent minder vacatures", "nl", [(9.1, "percent"), (10.4, "percent")]),
    ("entre 2 et 3 millions d'euros", "fr", [(2e6, "EUR"), (3e6, "EUR")]),
    ("zwischen 5 und 6 Prozent", "de", [(5.0, "percent"), (6.0, "percent")]),
    ("de 10 à 12 % des jeunes", "fr", [(10.0, "percent"), (12.0, "percent")]),
    ("2, 3 et 4 %", "fr", [(2.0, None), (3.0, "percent"), (4.0, "percent")]),  # a comma list states its own units
    ("en 2019 et 4 %", "fr", [(2019.0, None), (4.0, "percent")]),  # a year shares no unit
    ("12 apprentis et 3 %", "fr", [(12.0, None), (3.0, "percent")]),  # a noun between: not one coordination
])
def test_coordinated_numbers_share_the_unit_written_after_the_last(text, language, expected):
    assert [(f.value, f.unit) for f in find_figures(text, language)] == expected
