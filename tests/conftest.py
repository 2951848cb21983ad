"""Shared fixtures: an empty warehouse, and DocumentResults built by hand (no extractor needed)."""
from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest

from extractors.model import DocumentResult, Fact, LoadedDocument, Mention, Partnership
from warehouse.schema import create_tables


@pytest.fixture
def warehouse(tmp_path):
    """A connection to a new warehouse file with every table created."""
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    create_tables(con)
    yield con
    con.close()


def loaded_document(text: str, name: str = "doc.txt") -> LoadedDocument:
    data = text.encode("utf-8")
    return LoadedDocument(path=name, source_path=name, sha256=hashlib.sha256(data).hexdigest(),
                          format="txt", text=text)


def figure(doc: LoadedDocument, written: str, occurrence: int = 0, **fields) -> Fact:
    """A Fact for the `occurrence`-th place where `written` appears in the document's text."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(written, start + 1)
    end = start + len(written)
    values = dict(indicator="unemployment_rate", area="FR-HDF", segment=None,
                  period_start=dt.date(2025, 7, 1), period_end=dt.date(2025, 9, 30),
                  value=9.2, unit="percent", qualifier=None)
    values.update(fields)
    return Fact(mention=Mention(char_start=start, char_end=end, snippet=doc.text, source="prose"), **values)


@pytest.fixture
def make_result():
    """Build a DocumentResult: the unemployment rate stated twice, a population, a partnership."""

    def build(name: str = "doc.txt", extra: str = "") -> DocumentResult:
        """`extra` text appended makes another document (other bytes, other id)."""
        text = (
            "Au 3e trimestre 2025, le taux de chômage atteint 9,2 % en Hauts-de-France. "
            "Avec 9,2 %, la région reste au-dessus de la moyenne. "
            "La région compte 5 998 916 habitants. "
            "Le 20 mai 2025, la Région et l'Union Benelux ont signé un plan d'action."
        ) + extra
        doc = loaded_document(text, name)
        facts = [
            figure(doc, "9,2 %", 1),  # out of order on purpose: the earliest statement must lead
            figure(doc, "9,2 %", 0, qualifier=None, precision=0.05),
            figure(doc, "5 998 916", indicator="population", unit="persons", value=5998916.0,
                   period_start=None, period_end=None),
        ]
        signed = doc.text.index("Le 20 mai 2025")
        partnership = Partnership(
            name="plan d'action", parties=["Région Hauts-de-France", "Union Benelux"],
            signed_on=dt.date(2025, 5, 20), signed_precision="day", starts_on=None, ends_on=None,
            snippet=doc.text[signed:], char_start=signed, char_end=len(doc.text))
        return DocumentResult(document=doc, language="fr", title="Test", published_on=None,
                              facts=facts, partnerships=[partnership, partnership])

    return build
