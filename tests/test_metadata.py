"""A document's front matter, whatever its keys, is page furniture: the title and the date come from its
title and date keys (lexicon/metadata.yaml), never from one of its lines."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.annotate.metadata import detect_published_on, detect_title, front_matter
from extractors.read.front_matter import front_matter_end
from extractors.read.loading import load_document

DUTCH_POST = """---
author: Pieter de Wit
slug: meer-vacatures-in-de-bouw
tags:
  - arbeidsmarkt
  - bouw
titel: "Meer vacatures in de bouw"
datum: 2024-02-07
---
Het aantal openstaande vacatures in de bouw steeg in 2023 tot 41 000.
"""


def test_a_yaml_front_matter_gives_title_and_date_and_is_skipped_whole():
    assert detect_title(DUTCH_POST) == "Meer vacatures in de bouw"
    assert detect_published_on(DUTCH_POST, "nl") == dt.date(2024, 2, 7)
    assert DUTCH_POST[front_matter_end(DUTCH_POST):].startswith("Het aantal openstaande vacatures")


def test_a_front_matter_without_title_key_gives_the_first_line_after_it():
    text = DUTCH_POST.replace('titel: "Meer vacatures in de bouw"\n', "")
    assert detect_title(text) == "Het aantal openstaande vacatures in de bouw steeg in 2023 tot 41 000."


def test_leading_key_value_lines_without_dashes_are_a_front_matter_too():
    text = ("auteur: Claire Martin\nslug: apprentissage-grand-est\nrubrique: emploi\n\n"
            "L'apprentissage progresse dans le Grand Est\n\nLe nombre d'apprentis a atteint 36 500 en 2024.\n")
    assert detect_title(text) == "L'apprentissage progresse dans le Grand Est"
    # One "Objet :" line above a letter is its first line, not a front matter.
    assert front_matter_end("Objet: convention de partenariat\n\nMadame, Monsieur,\n") == 0


def test_a_title_written_over_several_lines_is_read_whole():
    text = ("---\nTitle: Gesetz über die Förderung der beruflichen Bildung\n  in den Grenzregionen\n"
            "kurz: BerBiGrG\nslug: berbigrg\n---\n\n# Gesetz\n")
    assert front_matter(text)["title"] == "Gesetz über die Förderung der beruflichen Bildung in den Grenzregionen"


def test_an_html_page_under_a_front_matter_keeps_it_as_lines(tmp_path):
    page = tmp_path / "pendler.html"
    page.write_text('---\nauthor: Lena Vogt\nslug: pendler-saar\ntags: [Arbeit, Grenze]\n'
                    'titel: "Mehr Pendler zwischen Saar und Mosel"\ndatum: 2023-04-18\n---\n'
                    "<html><body><nav>Zum Inhalt</nav><h1>Pendler</h1>"
                    "<p>Die Zahl der Grenzpendler stieg 2022 auf 18 400.</p></body></html>\n", encoding="utf-8")
    text = load_document(page, tmp_path).text
    assert detect_title(text) == "Mehr Pendler zwischen Saar und Mosel"
    assert detect_published_on(text, "de") == dt.date(2023, 4, 18)
    assert "Die Zahl der Grenzpendler stieg 2022 auf 18 400." in text[front_matter_end(text):]


@pytest.mark.parametrize("text,title", [
    ("Vorige\nHogeschool Noord krijgt subsidie voor twee projecten\n\nTekst.", "Hogeschool Noord krijgt subsidie voor twee projecten"),
    ("« Article précédent\nLa Région signe une convention avec la Wallonie\n\nTexte.", "La Région signe une convention avec la Wallonie"),
    ("Zurück zur Übersicht\nNeue Kooperation mit Luxemburg\n\nText.", "Neue Kooperation mit Luxemburg"),
    ("Vorige week steeg de werkloosheid in Limburg\n\nTekst.", "Vorige week steeg de werkloosheid in Limburg"),
])
def test_a_navigation_link_alone_on_its_line_is_no_title(text, title):
    assert detect_title(text) == title
