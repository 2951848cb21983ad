"""The period matcher: years, quarters, months, days, school years and ranges."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.annotate.periods import find_day_without_year, find_periods

D = dt.date


@pytest.mark.parametrize(
    "text, language, start, end, precision",
    [
        ("le chiffre de 2019 reste stable", "fr", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("au 2e trimestre 2023", "fr", D(2023, 4, 1), D(2023, 6, 30), "quarter"),
        ("au 1 ^{er} trimestre 2022", "fr", D(2022, 1, 1), D(2022, 3, 31), "quarter"),
        ("au quatrième trimestre 2021", "fr", D(2021, 10, 1), D(2021, 12, 31), "quarter"),
        ("T3 2024", "fr", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("in het derde kwartaal 2022", "nl", D(2022, 7, 1), D(2022, 9, 30), "quarter"),
        ("im 4. Quartal 2023", "de", D(2023, 10, 1), D(2023, 12, 31), "quarter"),
        ("au 1er juillet 2024", "fr", D(2024, 7, 1), D(2024, 7, 1), "day"),
        ("le 3 mars 2022", "fr", D(2022, 3, 3), D(2022, 3, 3), "day"),
        ("op 15 oktober 2020", "nl", D(2020, 10, 15), D(2020, 10, 15), "day"),
        ("am 9. November 2019", "de", D(2019, 11, 9), D(2019, 11, 9), "day"),
        ("publié le 04/11/2022", "fr", D(2022, 11, 4), D(2022, 11, 4), "day"),
        ("en septembre 2024", "fr", D(2024, 9, 1), D(2024, 9, 30), "month"),
        ("en février 2024", "fr", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("l'année scolaire 2022/2023", "fr", D(2022, 9, 1), D(2023, 8, 31), "school_year"),
        ("le programme 2014-2020", "fr", D(2014, 1, 1), D(2020, 12, 31), "range"),
        ("entre 2017 et 2020", "fr", D(2017, 1, 1), D(2020, 12, 31), "range"),
        ("van 2018 tot 2021", "nl", D(2018, 1, 1), D(2021, 12, 31), "range"),
        ("Looptijd: 1 maart 2017 tot en met 28 februari 2021", "nl", D(2017, 3, 1), D(2021, 2, 28), "range"),
        ("du 1er avril 2018 au 31 mars 2022", "fr", D(2018, 4, 1), D(2022, 3, 31), "range"),
    ],
)
def test_periods(text, language, start, end, precision):
    periods = find_periods(text, language)
    assert len(periods) == 1, periods
    p = periods[0]
    assert (p.start, p.end, p.precision) == (start, end, precision)
    assert text[p.char_start : p.char_end] == p.surface


def test_consecutive_years_are_a_school_year_only_for_school_counts():
    assert find_periods("en 2022-2023")[0].precision == "range"
    assert find_periods("en 2022-2023", academic=True)[0].start == D(2022, 9, 1)


def test_no_period_in_amounts_percentages_or_codes():
    assert find_periods("2 150,5 millions d'euros et 2019 %") == []
    assert find_periods("rapport 2021/2022/2023") == []


def test_dates_never_take_today():
    # dateparser fills a missing day or year from today; a span without its year is not a date here.
    assert [p.precision for p in find_periods("en mars")] == []
    p = find_periods("mars 2031")[0]
    assert (p.start, p.end) == (D(2031, 3, 1), D(2031, 3, 31))


def test_day_without_year_takes_the_reference_year():
    p = find_day_without_year("il est reçu ce lundi 14 juin, à Lille", D(2027, 6, 20))
    assert p.start == D(2027, 6, 14)
    assert find_day_without_year("ce lundi 14 juin", None) is None


def test_relative_periods_in_a_window_of_a_long_text_keep_the_text_s_offsets():
    from extractors.annotate.periods import find_relative_periods

    sentence = "Le taux atteint 9,2 %, contre 9,0 % au trimestre précédent. "
    text = "Préambule sans période. " * 500 + sentence + "Œuvre d'après le trimestre précédent. " * 50
    start = text.index(sentence)
    found = find_relative_periods(text, start + sentence.index("9,0"), start + len(sentence))
    assert [(text[s:e], unit, back) for s, e, unit, back in found] == [("trimestre précédent", "quarter", 1)]
    # A window that cuts a word does not find the phrase inside it ("rimestre précédent").
    inside = start + sentence.index("trimestre") + 1
    assert find_relative_periods(text, inside, start + len(sentence)) == []
