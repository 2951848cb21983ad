"""Reading a run's files: in this process or in a pool over the cores, with the same outcomes."""
from __future__ import annotations

import pytest

from pipelines import reading
from pipelines.reading import read_files, start_reading_processes, stop_reading_processes

pytestmark = pytest.mark.slow  # starts the reading processes (each loads spaCy): `make check` leaves it out

RATES = ["Au 3e trimestre 2025, le taux de chômage en Hauts-de-France s'établit à {}.\n",
         "In het derde kwartaal van 2025 bedroeg de werkloosheid in Limburg {}.\n",
         "Im dritten Quartal 2025 lag die Arbeitslosenquote in Nordrhein-Westfalen bei {}.\n"]


@pytest.fixture
def folder(tmp_path):
    """Eleven small documents in three languages, and an empty file (it cannot be read)."""
    files = []
    for i in range(11):
        name = f"doc{i:02d}.txt"
        (tmp_path / name).write_text(RATES[i % 3].format(f"{7 + i / 10:.1f} %".replace(".", ",")), encoding="utf-8")
        files.append((name, name))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    files.append(("empty.txt", "empty.txt"))
    return tmp_path, files


def summary(outcomes) -> list[tuple]:
    """Each file's outcome, by key: the pool yields documents as they finish, in no fixed order."""
    return sorted((o.key, o.error is not None, sorted(o.tables["facts"]["value"]) if o.tables else None)
                  for o in outcomes)


def test_the_pool_reads_as_this_process_does(folder):
    root, files = folder
    alone = list(read_files(files, root, root, workers=1))
    pooled = list(read_files(files, root, root, workers=2))
    assert summary(pooled) == summary(alone)
    assert sorted(o.key for o in pooled) == sorted(key for key, _ in files)  # each file once, as they finish
    assert [o.key for o in pooled if o.error] == ["empty.txt"]
    assert {o.key: o.tables["facts"]["value"].tolist() for o in pooled if o.tables}["doc03.txt"] == [7.3]


def test_a_pool_started_ahead_is_the_one_used(folder, monkeypatch):
    root, files = folder
    start_reading_processes(2)
    try:
        pool = reading._STARTED[2]
        monkeypatch.setattr(reading, "_new_pool", lambda workers: pytest.fail("a second pool was started"))
        first = summary(read_files(files, root, root, workers=2))
        again = summary(read_files(files, root, root, workers=2))  # still there after a first run
        assert first == again and len(first) == len(files)
        assert reading._STARTED[2] is pool
    finally:
        stop_reading_processes()
    assert not reading._STARTED
