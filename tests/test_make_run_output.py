"""What `make run` tells its user: a line per document as it finishes, an exit status that says when
files could not be read or a blocking check failed, a summary even when another process holds the
warehouse, and warehouses in one folder that each keep their own copy, explorer and instance."""
from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from pipelines import run
from tests.make_run import MakeRun
from tests.test_crashes import HOLD_THE_WAREHOUSE
from tests.test_pipeline import corpus, dagster_home, query  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # runs make run through Dagster: `make check` leaves it out

# Six small documents in three languages, read one after the other in the process (fewer than
# pipelines.reading.POOL_FROM_FILES): their order of reading is their order of names.
RATES = {
    "1.txt": "Au 2e trimestre 2025, le taux de chômage en Bretagne s'établit à 6,3 %.\n",
    "2.txt": "In het tweede kwartaal van 2025 bedroeg de werkloosheidsgraad in Vlaanderen 4,1 %.\n",
    "3.txt": "Im zweiten Quartal 2025 lag die Arbeitslosenquote in Nordrhein-Westfalen bei 7,4 %.\n",
    "4.txt": "Au 2e trimestre 2025, le taux de chômage en Normandie s'établit à 7,0 %.\n",
    "5.txt": "In het tweede kwartaal van 2025 bedroeg de werkloosheidsgraad in Wallonië 8,2 %.\n",
    "6.txt": "Im zweiten Quartal 2025 lag die Arbeitslosenquote in Bayern bei 3,9 %.\n",
}


def write_folder(folder, documents: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_each_documents_line_is_out_before_the_last_document_is_opened(dagster_home, tmp_path, monkeypatch):  # noqa: F811
    documents = write_folder(tmp_path / "raw", RATES)
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "w.duckdb"))
    making = MakeRun()
    # The first document's line is printed while the others are still to be read: once it is out,
    # the last file is deleted, and the run finds it gone when it comes to it (had it been opened
    # before, its rows would be in the warehouse). The events' order decides, not a clock.
    assert making.read_until("1.txt: 1 facts"), making.output[-3000:]
    assert "[1/6, about" in making.lines[-1]
    (documents / "6.txt").unlink()
    assert making.finish() == 0, making.output[-3000:]
    out = making.output
    assert out.index("1.txt: 1 facts") < out.index("5.txt: 1 facts") < out.index("6.txt: gone before it was read")
    # A file deleted during the run is not counted among the documents read.
    assert "5 documents read (1 files gone before they were read): 5 facts" in out
    assert query(tmp_path / "out" / "w.duckdb", "SELECT count(*) FROM documents") == [(5,)]


def test_the_exit_status_says_when_files_were_not_read_or_a_blocking_check_failed(
        dagster_home, corpus, monkeypatch, capsys):  # noqa: F811
    documents, warehouse = corpus
    monkeypatch.delenv("STRICT")
    assert run.main([]) == 1  # empty.txt could not be read
    out = capsys.readouterr().out
    assert "Exit status 1: files could not be read (above); `make run STRICT=0` exits 0 anyway." in out
    assert "empty.txt (load)" in out  # the summary names the file
    monkeypatch.setenv("STRICT", "0")
    assert run.main([]) == 0  # (nothing changed: the same verdict, from the last run)

    # A percentage over 100 in the warehouse: the next run's checks fail and say which.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE facts SET value = 140 WHERE unit = 'percent' AND value = 9.2")
    (documents / "empty.txt").write_text("Le taux de chômage en France est de 7,7 % en 2024.\n", encoding="utf-8")
    monkeypatch.delenv("STRICT")
    capsys.readouterr()
    assert run.main([]) == 1
    out = capsys.readouterr().out
    assert "failed check: facts rates_within_range (1 rows)" in out
    assert "Exit status 1: blocking checks failed" in out
    monkeypatch.setenv("STRICT", "0")
    assert run.main([]) == 0
    assert "failed check: facts rates_within_range (1 rows)" in capsys.readouterr().out


def test_another_process_holding_the_warehouse_still_gets_a_summary(dagster_home, corpus, capsys):  # noqa: F811
    documents, warehouse = corpus
    assert run.main([]) == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WAREHOUSE, str(warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        capsys.readouterr()
        assert run.main([]) == 0
        out = capsys.readouterr().out
    finally:
        holder.communicate("\n")
    assert "comparing with warehouse.published.duckdb instead" in out and "Nothing changed in 3 files" in out
    assert "       documents: 2" in out and "Traceback" not in out


def test_two_warehouses_in_one_folder_keep_their_own_copy_explorer_and_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    out = tmp_path / "data"
    first = write_folder(tmp_path / "first", {"1.txt": RATES["1.txt"]})
    second = write_folder(tmp_path / "second", {"2.txt": RATES["2.txt"], "3.txt": RATES["3.txt"]})
    for name, folder in (("a", first), ("b", second), ("a", first)):
        monkeypatch.setenv("WAREHOUSE_PATH", str(out / f"{name}.duckdb"))
        monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(folder))
        assert run.main([]) == 0
    assert query(out / "a.published.duckdb", "SELECT source_path FROM documents") == [("1.txt",)]
    assert query(out / "b.published.duckdb", "SELECT source_path FROM documents ORDER BY 1") == [
        ("2.txt",), ("3.txt",)]
    assert "1.txt" in (out / "a.explorer" / "index.html").read_text(encoding="utf-8")
    b_index = (out / "b.explorer" / "index.html").read_text(encoding="utf-8")
    assert "2.txt" in b_index and "1.txt" not in b_index
    assert (out / "a.dagster" / "dagster.yaml").exists() and (out / "b.dagster" / "dagster.yaml").exists()

    # b's copy where a's should be: a refuses to publish over it.
    (out / "a.published.duckdb").unlink()
    shutil.copyfile(out / "b.published.duckdb", out / "a.published.duckdb")
    monkeypatch.setenv("WAREHOUSE_PATH", str(out / "a.duckdb"))
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(first))
    assert run.main([]) == 2
    assert query(out / "a.published.duckdb", "SELECT count(*) FROM documents") == [(2,)]
