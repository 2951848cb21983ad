"""Every entry of the documents folder is accounted for: links out of it, loops, dangling links and
folders that cannot be read each get an error row; the other files load; nothing is taken for removed."""
from __future__ import annotations

import ctypes
import os
import pytest

from pipelines import run
from pipelines.folder import scan
from tests.make_run import MakeRun
from tests.test_crashes import folder  # noqa: F401  (a fixture)
from tests.test_pipeline import corpus, dagster_home, query  # noqa: F401  (fixtures)

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def without_root_privileges():
    """In the child before exec: as root, drop the capabilities that let root read any folder (the
    exec'd process loses them), so that a folder without permissions is unreadable as for anyone."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.slow  # runs make run
def test_links_loops_and_unreadable_folders_get_error_rows_and_the_rest_loads(folder, tmp_path):  # noqa: F811
    documents, warehouse = folder
    locked = documents / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Au 3e trimestre 2025, le taux de chômage en France est de 7,7 %.\n",
                                       encoding="utf-8")
    assert run.main([]) == 0
    inside_rows = query(warehouse, "SELECT document_id FROM documents WHERE source_path = 'locked/inside.txt'")
    assert len(inside_rows) == 1

    secret = tmp_path / "secret.txt"
    secret.write_text("Le taux de chômage atteint 12,0 % en 2025.\n", encoding="utf-8")
    (documents / "outside.txt").symlink_to(secret)
    (documents / "loop.txt").symlink_to(documents / "loop.txt")
    (documents / "dangling.txt").symlink_to(documents / "nowhere.txt")
    (documents / "sub").mkdir()
    (documents / "sub" / "up").symlink_to(documents)  # a folder that holds the link: a walk would loop
    (documents / "new.txt").write_text("En 2024, le taux de chômage en Hauts-de-France était de 9,0 %.\n",
                                       encoding="utf-8")
    locked.chmod(0)
    try:
        later = MakeRun(preexec_fn=without_root_privileges)
        assert later.finish() == 0, later.output[-3000:]
    finally:
        locked.chmod(0o755)

    errors = dict(query(warehouse, "SELECT source_path, reason FROM document_errors WHERE stage = 'load'"))
    assert "outside the documents folder" in errors.pop("outside.txt")
    assert "loop" in errors.pop("loop.txt")
    assert "nowhere.txt does not exist" in errors.pop("dangling.txt")
    assert "loop" in errors.pop("sub/up")
    assert "cannot be read" in errors.pop("locked")
    assert set(errors) == {"empty.txt"}
    # The other files load; what the unreadable folder holds keeps its rows; nothing outside was read.
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 9.0") == [(1,)]
    assert query(warehouse, "SELECT document_id FROM documents WHERE source_path = 'locked/inside.txt'") == inside_rows
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 12.0") == [(0,)]
    assert "loop.txt" in later.output and "outside.txt" in later.output


def test_scan_lists_each_problem_once_and_follows_no_link_out(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a.txt")  # the same file: one entry
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / "pipe.txt")  # reading it would block forever
    files = scan(tmp_path)
    assert sorted(f.source_path.rsplit("/", 2)[-1] if f.problem else f.path.name for f in files.values()) == [
        "a.txt", "pipe.txt"]
    [pipe] = [f for f in files.values() if f.problem]
    assert "not a regular file" in pipe.problem and pipe.sha256 is None


@pytest.mark.slow  # runs make run
def test_documents_past_the_size_limit_get_an_error_row(folder, monkeypatch):  # noqa: F811
    documents, warehouse = folder
    monkeypatch.setenv("DOCUMENT_MAX_CHARS", "50")
    assert run.main([]) == 0
    errors = dict(query(warehouse, "SELECT source_path, reason FROM document_errors"))
    limit = "over the limit of 50 characters per document (DOCUMENT_MAX_CHARS); not read"
    size = len((documents / "partnership.txt").read_bytes())
    assert size > 4 * 50 and errors["partnership.txt"] == f"the document's text is {size:,} bytes, {limit}"
    chars = len((documents / "rate.txt").read_text(encoding="utf-8"))  # too big once read
    assert errors["rate.txt"] == f"the document's text is {chars:,} characters, {limit}"
    assert query(warehouse, "SELECT count(*) FROM documents") == [(0,)]


@pytest.mark.slow  # runs make run
def test_a_name_that_is_not_utf8_gets_an_error_row_and_the_other_files_load(folder, capsys):  # noqa: F811
    documents, warehouse = folder
    # Latin-1 bytes, as an archive made on an old system leaves them: "é" is the byte 0xE9 alone.
    with open(os.fsencode(documents) + b"/ch\xf4mage_\xe9t\xe9.txt", "wb") as f:
        f.write("En 2024, le taux de chômage en Bretagne était de 6,1 %.\n".encode())
    (documents / "sub\udce9").mkdir()  # a folder so named: one error row, not one per file in it
    (documents / "sub\udce9" / "inside.txt").write_text("x", encoding="utf-8")
    assert run.main([]) == 0
    errors = dict(query(warehouse, "SELECT source_path, reason FROM document_errors WHERE stage = 'load'"))
    assert "not valid UTF-8" in errors.pop("ch\\xf4mage_\\xe9t\\xe9.txt")
    assert "not valid UTF-8" in errors.pop("sub\\xe9")
    assert set(errors) == {"empty.txt"}
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value IN (9.2, 7.7)") == [(2,)]
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 6.1") == [(0,)]
    capsys.readouterr()
    # Recorded: the next run has nothing to do; renamed, the file is read and its error row goes.
    assert run.main([]) == 0
    assert "Nothing changed" in capsys.readouterr().out
    os.rename(os.fsencode(documents) + b"/ch\xf4mage_\xe9t\xe9.txt", documents / "renamed.txt")
    assert run.main([]) == 0
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 6.1") == [(1,)]
    assert "ch\\xf4mage_\\xe9t\\xe9.txt" not in dict(query(warehouse, "SELECT source_path, 1 FROM document_errors"))
