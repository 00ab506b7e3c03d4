"""Odd inputs in a corpus are reported and skipped (or read, with a notice), and the run goes on:
JSON nested too deeply for Python's parser, symbolic-link loops, dangling links, unreadable
folders, UTF-16 text, feeds cut off in the middle of an item."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.errors import TableError
from explorer.events import EventTable
from explorer.ingest import load_report
from explorer.ingest.tables import TOO_DEEP, is_events_table, parse_json, table_columns

ARTICLE = "Troops in Mosul\nFighting in Mosul on Tuesday.\n"
DEEP = "[" * 100_000 + "]" * 100_000


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- JSON nested too deeply -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "skipped"),
    [
        ("deep.json", DEEP, ["deep.json"]),
        ("wrapped.json", '{"articles": [{"text": "In Mosul.", "x": ' + DEEP + "}]}", None),
        ("lines.jsonl", '{"text": "Fighting in Mosul."}\n' + DEEP + "\n", ["lines.jsonl#2"]),
        ("first.jsonl", DEEP + '\n{"text": "Fighting in Mosul."}\n', ["first.jsonl#1"]),
        ("item.json", '[{"text": "In Mosul."}, ' + "[" * 300 + "]" * 300 + "]", ["item.json#2"]),
    ],
)
def test_json_nested_too_deeply_is_skipped_and_the_run_goes_on(
    tmp_path: Path, name: str, content: str, skipped: list[str] | None
) -> None:
    write(tmp_path / name, content)
    write(tmp_path / "ok.txt", ARTICLE)
    report = load_report([tmp_path])
    assert report.files == 2
    paths = [Path(s.path).name for s in report.skipped]
    assert paths == (skipped or [name]), report.skipped
    assert any(a.path and a.path.endswith("ok.txt") for a in report.articles)
    if skipped is None or skipped == [name]:
        assert TOO_DEEP in report.skipped[0].reason


def test_parse_json_turns_deep_nesting_into_a_value_error() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_json(DEEP)
    assert parse_json("[[1]]") == [[1]]


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".geojson"])
def test_a_deep_events_table_is_not_taken_for_one(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"t{suffix}", DEEP if suffix != ".geojson" else '{"a": ' + DEEP + "}")
    assert not is_events_table(path)
    assert table_columns(path) == ()


@pytest.mark.parametrize("suffix", [".json", ".geojson"])
def test_event_table_read_of_deep_json_is_a_table_error(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"t{suffix}", DEEP)
    with pytest.raises(TableError, match="nested too deeply"):
        EventTable.read(path)
