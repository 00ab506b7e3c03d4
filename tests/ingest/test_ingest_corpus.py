"""A corpus: files named twice read once, duplicate articles, clashing ids, left-out outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explorer.events import EventTable
from explorer.ingest import load_report

ARTICLE = "Troops in Mosul\nFighting in Mosul on Tuesday.\n"


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["folder and file", "relative and absolute", "glob and file"])
def test_a_file_named_twice_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    write(tmp_path / "c" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    paths = {
        "folder and file": ["c", "c/a.txt"],
        "relative and absolute": ["c/a.txt", str(tmp_path / "c" / "a.txt")],
        "glob and file": ["c/*.txt", "./c/../c/a.txt"],
    }[how]
    report = load_report(paths)
    assert report.files == 1 and len(report.articles) == 1 and report.notices == []


def test_the_same_article_in_three_files_is_kept_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "sub/a.txt"):
        write(tmp_path / name, ARTICLE)
    report = load_report(tmp_path)
    assert report.files == 3 and len(report.articles) == 1
    assert report.articles[0].path == str(tmp_path / "a.txt")
    assert [Path(n.path).name for n in report.notices] == ["b.txt", "a.txt"]
    assert all("the same article as" in n.reason for n in report.notices)


def test_different_articles_with_one_id_get_distinct_ids(tmp_path: Path) -> None:
    rows = [{"id": "1", "text": "Fighting in Mosul."}, {"id": "1", "text": "Talks in Geneva."},
            {"id": "1-2", "text": "Aid reached Aleppo."}]  # fmt: skip
    write(tmp_path / "a.json", json.dumps(rows))
    write(tmp_path / "b.jsonl", json.dumps({"id": "1", "text": "Fighting in Mosul."}))
    report = load_report(tmp_path)
    assert [a.id for a in report.articles] == ["1", "1-2", "1-2-2"]
    reasons = [n.reason for n in report.notices]
    assert "this one is '1-2'" in reasons[0] and "this one is '1-2-2'" in reasons[1]
    assert "the same article" in reasons[2]  # b.jsonl repeats the first one


def test_events_tables_in_folders_and_globs_are_recognised(tmp_path: Path) -> None:
    table = EventTable.from_records([{"event_id": "a:1", "sentence": "s", "place_text": "p"}])
    explorer_csv = table.write(tmp_path / "gl" / "b.csv")
    given = write(
        tmp_path / "gl" / "given.csv", "event_id,date,place,description\n1,2016,Mosul,x\n"
    )
    for paths in ([tmp_path / "gl"], [str(tmp_path / "gl" / "*.csv")]):
        report = load_report(paths)
        assert report.skipped == [] and report.articles == []
        assert report.event_files == [explorer_csv, given]


@pytest.mark.parametrize("inside", ["corpus/events.csv", "corpus/out/events.csv"])
def test_the_output_inside_an_input_folder_is_left_out(tmp_path: Path, inside: str) -> None:
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    out = EventTable().write(tmp_path / inside)
    report = load_report([tmp_path / "corpus"], exclude=[os.path.relpath(out)])
    assert report.event_files == [] and report.files == 1
    (note,) = report.notices
    assert note.reason == "not read: it is this run's output"


def test_an_output_folder_is_left_out_whole(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    EventTable().write(tmp_path / "corpus" / "parts" / "part-0.csv")
    EventTable().write(tmp_path / "corpus" / "parts" / "part-1.csv")
    report = load_report([tmp_path / "corpus"], exclude=[tmp_path / "corpus" / "parts"])
    assert (report.files, report.event_files, len(report.notices)) == (1, [], 2)
