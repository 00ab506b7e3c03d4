"""Temporaries of atomic writes: named with the writer's pid; those that killed runs left behind
are removed by a later write into the same folder, and a running writer's never are."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from explorer import files
from explorer.files import atomic_write, atomic_write_text, remove_stale_temporaries

GONE = 2**31 - 7  # no process has this id (above Linux's pid_max)
HOUR, DAY = 3600, 86400


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text("half a file")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    host = files._host()
    other = "abcdef" if host != "abcdef" else "fedcba"
    (tmp_path / "events.csv").write_text("old")
    for name, age in [
        (f".events.csv.{GONE}-{host}-0123abcd.tmp", 2 * HOUR),  # dead writer: removed
        (f".map.html.{GONE}-{host}-0123abce.tmp", 2 * HOUR),  # another target: removed too
        (f".events.csv.{GONE}-{host}-0123abcf.tmp", 60),  # dead, but just now: kept
        (f".events.csv.{os.getpid()}-{host}-0123abd0.tmp", 2 * DAY),  # a live writer: kept
        (f".events.csv.{GONE}-{other}-0123abd1.tmp", 2 * HOUR),  # another machine: kept
        (f".events.csv.{GONE}-{other}-0123abd2.tmp", 2 * DAY),  # ... for a day
        (".events.csv.89abcdef.tmp", 2 * DAY),  # the older name, next to its target
        (".gone.csv.89abcdef.tmp", 2 * DAY),  # the older name, no target: not known as ours
        (".notes.tmp", 2 * DAY),  # someone else's
        ("draft.tmp", 2 * DAY),
    ]:
        _leftover(tmp_path, name, age)
    return tmp_path


def _write(path: Path, text: str) -> None:
    path.write_text(text)


REMOVED = {
    ".events.csv.{gone}-{host}-0123abcd.tmp",
    ".map.html.{gone}-{host}-0123abce.tmp",
    ".events.csv.{gone}-{other}-0123abd2.tmp",
    ".events.csv.89abcdef.tmp",
}


def _removed(host: str) -> set[str]:
    other = "abcdef" if host != "abcdef" else "fedcba"
    return {n.format(gone=GONE, host=host, other=other) for n in REMOVED}


def test_only_stale_temporaries_are_removed(folder: Path) -> None:
    before = {p.name for p in folder.iterdir()}
    removed = remove_stale_temporaries(folder)
    assert {p.name for p in removed} == _removed(files._host())
    assert {p.name for p in folder.iterdir()} == before - _removed(files._host())


@pytest.mark.parametrize("how", ["text", "writer"])
def test_an_atomic_write_cleans_its_folder_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(files, "_swept", set())
    before = {p.name for p in folder.iterdir()}
    if how == "text":
        atomic_write_text(folder / "events.csv", "new")
    else:
        atomic_write(folder / "events.csv", lambda tmp: _write(tmp, "new"))
    assert (folder / "events.csv").read_text() == "new"
    assert {p.name for p in folder.iterdir()} == before - _removed(files._host())
    # a second write does not look again (one scan of a folder per process)
    _leftover(folder, f".x.{GONE}-{files._host()}-0123abd3.tmp", 2 * HOUR)
    atomic_write_text(folder / "events.csv", "newer")
    assert (folder / f".x.{GONE}-{files._host()}-0123abd3.tmp").exists()


def test_the_temporary_carries_the_writers_pid(tmp_path: Path) -> None:
    seen: list[str] = []

    def write(tmp: Path) -> None:
        seen.append(tmp.name)
        tmp.write_text("x")

    atomic_write(tmp_path / "a.txt", write)
    (name,) = seen
    match = files._TEMPORARY.match(name)
    assert match is not None and int(match["pid"]) == os.getpid()
    assert match["name"] == "a.txt" and match["host"] == files._host()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_folder_that_cannot_be_read_is_left_alone(tmp_path: Path) -> None:
    assert remove_stale_temporaries(tmp_path / "missing") == []
