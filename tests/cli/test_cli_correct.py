"""``explorer correct``: add, remove, re-date, list, delete and find stale corrections."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explorer.cli import main

ARTICLE = (
    "---\ntitle: Floods\npublished: 2015-12-02\n---\n"
    "The convoy reached Qwxtown on Monday. Officials in Karachi said rainfall was heavy.\n\n"
    "Senator Carter spoke in Mosul. The talks ended.\n"
)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "floods.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_missed_place_is_added_and_applied_by_ingest(corpus: Path, capsys) -> None:
    code, out, _ = run(capsys, "correct", "add-place", "news/floods.md", "Qwxtown",
                       "--point", "24.9,67.1", "--sentence", "The convoy reached")  # fmt: skip
    assert code == 0 and "place 'Qwxtown' in the sentence 'The convoy reached'" in out
    code, out, _ = run(capsys, "correct", "add-place", "floods.md", "Karachi", "--place",
                       "Karachi, Pakistan", "--nth", "1", "--in", "news")  # fmt: skip
    assert code == 0 and "Karachi, Sindh, PK" in out
    code, out, _ = run(capsys, "correct", "set-date", "news/floods.md", "2015-11-20",
                       "--sentence", "Carter spoke")  # fmt: skip
    assert code == 0 and "date the sentence 'Carter spoke' -> 2015-11-20" in out
    code, _, err = run(capsys, "ingest", "news", "--out", "ev.json", "--quiet", "--no-cache",
                       "--corrections", "corrections.json")  # fmt: skip
    assert code == 0 and "note" not in err
    rows = json.loads(Path("ev.json").read_text(encoding="utf-8"))
    rows = rows if isinstance(rows, list) else rows["events"]
    got = {r["place_text"]: (r["place_name"], r["start_date"][:10]) for r in rows}
    assert got["Qwxtown"] == ("Qwxtown", "2015-11-30")  # added, dated by "on Monday"
    assert got["Mosul"] == ("Mosul", "2015-11-20")  # re-dated


def test_list_delete_and_stale(corpus: Path, capsys) -> None:
    assert run(capsys, "correct", "remove-place", "news/floods.md", "Carter")[0] == 0
    assert run(capsys, "correct", "remove-place", "news/floods.md", "Mosul")[0] == 0
    code, out, _ = run(capsys, "correct", "list")
    lines = [re.sub(r"'[0-9a-f]{16}'", "ID", line) for line in out.splitlines()]
    assert code == 0 and lines == [
        "1. article ID (news/floods.md): place 'Carter' -> not a place",
        "2. article ID (news/floods.md): place 'Mosul' -> not a place",
    ]
    code, out, err = run(capsys, "correct", "stale", "news")
    assert code == 1 and "'Carter'" in out and "no place is found there" in out
    assert "1 of 2 corrections do not fit" in err
    code, out, _ = run(capsys, "correct", "delete", "1")
    assert code == 0 and out.startswith("deleted 1.") and "'Carter'" in out
    code, _, _ = run(capsys, "correct", "stale", "news")
    assert code == 0
    code, out, _ = run(capsys, "correct", "list", "--json")
    assert [e["text"] for e in json.loads(out)] == ["Mosul"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add-place", "news/floods.md", "Lahore", "--place", "Lahore"],
         "'Lahore' does not occur in article"),
        (["add-place", "news/floods.md", "Karachi", "--place", "Karachi", "--nth", "2"],
         "'Karachi' occurs only once in article"),
        (["add-place", "floods.md", "Karachi", "--place", "Qwxzvbnm", "--in", "news"],
         "no place found for 'Qwxzvbnm' in the offline gazetteer"),
        (["remove-place", "nope.md", "Carter", "--in", "news"], "no article 'nope.md' in news"),
        (["list"], "corrections file not found: corrections.json"),
        (["delete", "3"], "corrections file not found"),
        (["set-date", "news/floods.md", "2015-11-20"], "say what to re-date"),
    ],
)  # fmt: skip
def test_errors_are_one_line_in_the_users_terms(
    corpus: Path, capsys, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "correct", *argv)
    assert code == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not Path("corrections.json").exists()


def test_an_article_id_without_a_corpus_is_taken_unchecked(corpus: Path, capsys) -> None:
    code, out, err = run(capsys, "correct", "remove-place", "some-id", "Carter")
    assert code == 0 and "article 'some-id'" in out and "not checked" in err
    code, out, _ = run(capsys, "correct", "articles", "news")
    assert code == 0 and out.split("\t")[1:] == ["news/floods.md", "Floods\n"]


def test_a_deeply_nested_corrections_file_is_one_line(corpus: Path, capsys) -> None:
    Path("corrections.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "ingest", "news", "--out", "ev.csv", "--quiet",
                       "--corrections", "corrections.json")  # fmt: skip
    assert code == 2 and "corrections.json" in err and "nested too deeply" in err
    assert err.count("\n") == 1
