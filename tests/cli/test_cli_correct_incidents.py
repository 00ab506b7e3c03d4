"""``explorer correct``: merge, split, move and re-date incidents; list, delete, stale."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from explorer.cli import main

ARTICLES = {
    "a.md": ("a", "KDKA", "2013-01-01", "Four shot at McKeesport New Year's Eve party",
             "MCKEESPORT, Pa. - Four people were shot at a New Year's Eve house party on "
             "Versailles Avenue in McKeesport early Tuesday, police said. Police are looking "
             "for Julian Sims, 20."),
    "b.md": ("b", "Post-Gazette", "2013-01-01", "Gunman sought after four wounded at party",
             "Police in McKeesport, Pennsylvania, are looking for Julian Sims, 20, after four "
             "people were shot at a house party on Versailles Avenue on Tuesday."),
    "c.md": ("c", "Tulsa World", "2013-01-07", "Four women found dead in Tulsa apartment",
             "TULSA, Okla. - Four women were found shot to death in an apartment in Tulsa, "
             "Oklahoma, on Monday, police said."),
}  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    for name, (aid, source, day, title, text) in ARTICLES.items():
        (tmp_path / "news" / name).write_text(
            f"---\nid: {aid}\ntitle: {title}\npublished: {day}\nsource: {source}\n---\n{text}\n",
            encoding="utf-8",
        )
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def incidents(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    given = ["--corrections", "corrections.json"] if Path("corrections.json").exists() else []
    code, _, err = run(capsys, "ingest", "news", "--out", "ev.csv", "--quiet", "--no-cache", *given)
    assert code == 0, err
    with open("ev.incidents.csv", encoding="utf-8-sig", newline="") as fh:
        return {row["article_ids"]: row for row in csv.DictReader(fh)}


def test_split_move_redate_merge_applied_by_ingest(corpus: Path, capsys) -> None:
    assert sorted(incidents(capsys)) == ["a;b", "c"]
    code, out, _ = run(capsys, "correct", "split-incident", "news/b.md")
    assert code == 0 and "the report of article 'b' is an incident of its own" in out
    code, out, _ = run(
        capsys, "correct", "move-incident", "c", "36.2,-95.9", "--name", "North Tulsa"
    )
    assert code == 0 and "the incident of article 'c' happened at North Tulsa" in out
    code, out, _ = run(capsys, "correct", "redate-incident", "a.md", "2012-12-31", "--in", "news")
    assert code == 0 and "happened on 2012-12-31" in out
    rows = incidents(capsys)
    assert sorted(rows) == ["a", "b", "c"]
    assert (rows["c"]["place_name"], rows["c"]["latitude"]) == ("North Tulsa", "36.2")
    assert rows["a"]["start"] == "2012-12-31" and rows["b"]["start"] == "2013-01-01"
    code, out, _ = run(capsys, "correct", "merge-incidents", "b", "c")
    assert code == 0 and "the incidents of articles 'b', 'c' are one" in out
    assert sorted(incidents(capsys)) == ["a", "b;c"]


def test_list_delete_and_stale(corpus: Path, capsys) -> None:
    assert run(capsys, "correct", "remove-place", "news/a.md", "McKeesport")[0] == 0
    assert run(capsys, "correct", "merge-incidents", "news/a.md", "news/c.md")[0] == 0
    assert (
        run(capsys, "correct", "redate-incident", "zz", "2013-01-02", "--end", "2013-01-03")[0] == 0
    )
    code, out, _ = run(capsys, "correct", "list")
    assert code == 0 and out.splitlines() == [
        "1. article 'a' (news/a.md): place 'McKeesport' -> not a place",
        "2. the incidents of articles 'a', 'c' are one",
        "3. the incident of article 'zz' happened on 2013-01-02 to 2013-01-03",
    ]
    code, out, _ = run(capsys, "correct", "list", "c", "--json")
    assert [e["number"] for e in json.loads(out)] == [2]
    code, out, err = run(capsys, "correct", "stale", "news")
    assert code == 1 and "1 of 3 corrections do not fit" in err
    assert (
        "'the incident of article 'zz' happened on 2013-01-02 to 2013-01-03' no longer fits" in out
    )
    code, out, _ = run(capsys, "correct", "delete", "3")
    assert code == 0 and out.startswith("deleted 3. the incident of article 'zz'")
    assert run(capsys, "correct", "stale", "news")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["merge-incidents", "a"], "needs two or more articles"),
        (["merge-incidents", "a", "a"], "two or more different articles"),
        (["move-incident", "a", "Qwxzvbnm"], "no place found for 'Qwxzvbnm'"),
        (["redate-incident", "a", "2013-01-02", "--end", "2013-01-01"], "before start date"),
    ],
)
def test_refused_in_one_line(corpus: Path, capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, "correct", *argv)
    assert code != 0 and message in err
    assert not (corpus / "corrections.json").exists()
