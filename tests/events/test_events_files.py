"""Atomic writes give files the permissions a plain open() would, and keep a replaced file's."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.events import Corrections, EventTable
from explorer.files import atomic_write, atomic_write_text


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    old = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(old)


def _table(path: Path) -> None:
    EventTable.from_records([{"event_id": "e1", "sentence": "x"}]).write(path)


def _corrections(path: Path) -> None:
    Corrections(path).set_place("a1", 3, None, text="Nice")


WRITERS: dict[str, Callable[[Path], None]] = {
    "text": lambda p: atomic_write_text(p, "hello"),
    "callback": lambda p: atomic_write(p, lambda tmp: tmp.write_bytes(b"hello")),
    "csv table": _table,
    "parquet table": _table,
    "corrections": _corrections,
}
NAMES = {"csv table": "t.csv", "parquet table": "t.parquet", "corrections": "c.json"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_mode_open_would_give(
    tmp_path: Path, umask: Callable[[int], int], writer: str, mask: int, expected: int
) -> None:
    umask(mask)
    path = tmp_path / "out" / NAMES.get(writer, "f.txt")
    WRITERS[writer](path)
    assert mode(path) == expected
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_replaced_file_keeps_its_mode(
    tmp_path: Path, umask: Callable[[int], int], writer: str
) -> None:
    path = tmp_path / NAMES.get(writer, "f.txt")
    WRITERS[writer](path)
    path.chmod(0o640)
    WRITERS[writer](path)
    assert mode(path) == 0o640


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    atomic_write_text(path, "old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
