"""Corrections a person can use (add a missed place, remove, fix, re-date; by text and sentence),
files nested too deeply, and two processes editing one file at once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.errors import CorrectionError
from explorer.events import Corrections
from explorer.events.corrections import find_article
from explorer.events.corrections.check import describe_entry, stale_corrections
from explorer.events.pipeline import article_result
from explorer.model import Article

TEXT = (
    "The convoy reached Qwxtown on Monday. Officials in Karachi said rainfall was heavy.\n\n"
    "Senator Carter spoke in Mosul. The talks ended in Mosul on Friday."
)
ARTICLE = Article("a1", "Floods", TEXT, dt.date(2015, 12, 2), path="news/floods.md")


def events(c: Corrections, article: Article = ARTICLE) -> dict[str, tuple[str | None, str]]:
    rows, stale = article_result(article, c)
    assert stale == []
    return {r["place_text"]: (r["place_name"], str(r["start_date"])[:10]) for r in rows}


@pytest.mark.parametrize(
    "where",
    [{"sentence": "The convoy reached"}, {"occurrence": 1}, {}, {"start": TEXT.index("Qwxtown")}],
)
def test_a_missed_place_is_added_by_its_text(tmp_path: Path, where: dict) -> None:
    assert "Qwxtown" not in events(Corrections())
    c = Corrections(tmp_path / "c.json")
    entry = c.add_place(ARTICLE, "Qwxtown", (24.9, 67.1), **where)
    assert entry["file"] == "news/floods.md" and ("start" in entry) == ("start" in where)
    again = Corrections(tmp_path / "c.json")  # a later run
    assert events(again)["Qwxtown"][0] == "Qwxtown"
    (rows, _) = article_result(ARTICLE, again)
    added = next(r for r in rows if r["place_text"] == "Qwxtown")
    assert added["place_reason"] == "added by the user" and added["country_code"] == "PK"


def test_set_place_at_an_offset_with_no_mention_adds_the_place() -> None:
    """The newcomer's case: set_place refused ("no place is found there")."""
    c = Corrections()
    start = TEXT.index("Qwxtown")
    c.set_place("a1", start, "Karachi, Pakistan", text="Qwxtown", save=False)
    assert c.unmatched(ARTICLE, [], []) == []
    assert events(c)["Qwxtown"][0] == "Karachi"


def test_a_place_by_gazetteer_name_and_its_fix_and_removal() -> None:
    c = Corrections()
    c.add_place(ARTICLE, "Karachi", "Karachi, Pakistan", sentence="Officials in", save=False)
    c.add_place(ARTICLE, "Mosul", (36.19, 44.0), name="Erbil", occurrence=2, save=False)
    found = events(c)
    assert found["Karachi"][0] == "Karachi"
    rows, _ = article_result(ARTICLE, c)
    assert sorted(r["place_name"] for r in rows if r["place_text"] == "Mosul") == ["Erbil", "Mosul"]
    c.remove_place(ARTICLE, "Mosul", save=False)  # every Mosul is not a place
    assert "Mosul" not in events(c)


def test_a_sentence_is_re_dated() -> None:
    c = Corrections()
    before = events(c)
    assert before["Karachi"][1] == "2015-11-30"  # Monday, carried from the sentence before
    c.redate(ARTICLE, dt.date(2015, 11, 20), sentence="rainfall was heavy", save=False)
    c.redate(ARTICLE, dt.date(2015, 11, 1), dt.date(2015, 11, 3), text="on Friday", save=False)
    after = events(c)
    assert after["Karachi"][1] == "2015-11-20"
    rows, _ = article_result(ARTICLE, c)
    last = [r for r in rows if r["sentence"].startswith("The talks")]
    assert [(str(r["start_date"])[:10], str(r["end_date"])[:10]) for r in last] == [
        ("2015-11-01", "2015-11-03")
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.add_place(ARTICLE, "Lahore", "Lahore"),
            "'Lahore' does not occur in article 'a1' (news/floods.md)",
        ),
        (
            lambda c: c.add_place(ARTICLE, "Karachi", "Karachi", occurrence=2),
            "'Karachi' occurs only once in article 'a1' (news/floods.md), not 2",
        ),
        (
            lambda c: c.add_place(ARTICLE, "Karachi", "Karachi", sentence="The talks"),
            "'Karachi' does not occur in that sentence",
        ),
        (
            lambda c: c.remove_place(ARTICLE, "Carter", sentence="Nobody said"),
            "the sentence 'Nobody said' does not occur in article 'a1'",
        ),
        (
            lambda c: c.add_place(ARTICLE, "Qwxtown", "Qwxtownzzz"),
            "no place found for 'Qwxtownzzz' in the offline gazetteer",
        ),
        (lambda c: c.add_place(ARTICLE, "Qwxtown", (95.0, 10.0)), "latitude 95.0 is outside"),
        (lambda c: c.add_place(ARTICLE, "Conv", "Karachi"), "'Conv' does not occur"),  # whole word
        (
            lambda c: c.redate(ARTICLE, dt.date(2015, 1, 2), dt.date(2015, 1, 1), sentence="The"),
            "end date 2015-01-01 is before start date 2015-01-02",
        ),
        (lambda c: c.drop(3), "there is no correction 3: there are none"),
    ],
)
def test_errors_are_in_the_users_terms(call, message: str, tmp_path: Path) -> None:
    c = Corrections(tmp_path / "c.json")
    with pytest.raises(CorrectionError) as info:
        call(c)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert not (tmp_path / "c.json").exists()  # nothing saved


def test_stale_text_corrections_are_reported_with_their_sentence() -> None:
    c = Corrections()
    c.add_place("a1", "Qwxtown", (24.9, 67.1), sentence="The convoy reached", save=False)
    c.remove_place("a1", "Carter", save=False)  # the geoparser finds no place there
    edited = Article("a1", "Floods", TEXT.replace("The convoy reached", "A truck reached"))
    lines = stale_corrections(c, [edited])
    assert lines == [
        "article 'a1': the place correction of 'Carter' no longer matches the article (no "
        "place is found there); not applied",
        "article 'a1': the place correction of 'Qwxtown' in the sentence 'The convoy reached' "
        "no longer matches the article (the sentence 'The convoy reached' does not occur in "
        "the article); not applied",
    ]
    assert stale_corrections(c, []) == [
        "article 'a1': 2 correction(s) for an article that is not among the inputs (edited, "
        "renamed or left out?): not applied"
    ]


def test_list_and_drop(tmp_path: Path) -> None:
    c = Corrections(tmp_path / "c.json")
    c.add_place("a1", "Qwxtown", (24.9, 67.1), sentence="The convoy")
    c.remove_place("a1", "Carter")
    assert [describe_entry(e) for e in Corrections(tmp_path / "c.json").entries()] == [
        "place 'Carter' -> not a place",
        "place 'Qwxtown' in the sentence 'The convoy' -> Qwxtown, Sindh, PK (24.9, 67.1)",
    ]
    c.drop(1)
    assert [e["text"] for e in Corrections(tmp_path / "c.json").entries()] == ["Qwxtown"]


def test_articles_are_found_by_file_name_or_id(tmp_path: Path) -> None:
    (tmp_path / "floods.md").write_text("# Floods\n\n" + TEXT, encoding="utf-8")
    rows = "id,title,text\nr1,One,Rain in Mosul.\nr2,Two,Sun in Erbil.\n"
    (tmp_path / "t.csv").write_text(rows, encoding="utf-8")
    one = find_article(str(tmp_path / "floods.md"))
    assert one is not None and one.text == TEXT
    assert find_article("floods.md", [tmp_path]) == one
    assert find_article(one.id, [tmp_path]) == one
    assert find_article("r2", [tmp_path]).title == "Two"  # type: ignore[union-attr]
    assert find_article(f"{tmp_path / 't.csv'}#3").title == "Two"  # type: ignore[union-attr]
    assert find_article("some-id") is None  # no file: an id, taken as it is
    with pytest.raises(CorrectionError, match=r"names 2 articles .*'r1', 'r2'.* or FILE#ROW"):
        find_article(str(tmp_path / "t.csv"))
    with pytest.raises(CorrectionError, match=r"no article 'nope\.md' in"):
        find_article("nope.md", [tmp_path])


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_a_deeply_nested_file_is_one_line_naming_it(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"corrections": [' + "[" * depth + "]" * depth + "]}", encoding="utf-8")
    with pytest.raises(CorrectionError) as info:
        Corrections(path)
    assert str(path) in str(info.value) and "nested too deeply" in str(info.value)
    assert "\n" not in str(info.value)


def test_a_nested_value_in_an_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    deep = "[" * 900 + "]" * 900
    path.write_text(
        '{"corrections": [{"article_id": "a1", "kind": "place", "start": 3, "place": null, '
        f'"note": {deep}}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(CorrectionError, match=r"entry 1 \(article 'a1', start 3\): 'note' must"):
        Corrections(path)


def test_edits_merge_with_what_another_writer_saved(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    first, second = Corrections(path), Corrections(path)
    first.remove_place("a1", "Carter")
    second.remove_place("a1", "Mosul")  # second never read Carter's: it is kept all the same
    first.drop(1)  # Carter (first's own list: Carter only) -> deleted, Mosul kept
    assert [e["text"] for e in Corrections(path).entries()] == ["Mosul"]
    assert [e["text"] for e in first.entries()] == ["Mosul"]  # first now holds the merge


def test_a_file_broken_meanwhile_is_refused_and_the_edit_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    c = Corrections(path)
    c.remove_place("a1", "Carter")
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(CorrectionError, match="your edits were not saved"):
        c.remove_place("a1", "Mosul")
    path.write_text('{"corrections": []}', encoding="utf-8")
    c.save()
    assert [e["text"] for e in Corrections(path).entries()] == ["Mosul"]


WRITER = """
import sys
from explorer.events import Corrections
path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = Corrections(path)
for i in range(n):
    c.set_place(name, i, None, text=f"{name}-{i}")   # each edit saved at once
"""


def test_two_processes_editing_one_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    n = 200
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(n)])
        for name in ("one", "two")
    ]
    assert [p.wait() for p in procs] == [0, 0]
    entries = json.loads(path.read_text(encoding="utf-8"))["corrections"]
    assert len(entries) == 2 * n
    assert {(e["article_id"], e["start"]) for e in entries} == {
        (name, i) for name in ("one", "two") for i in range(n)
    }
    assert [p.name for p in tmp_path.iterdir()] == ["corrections.json"]  # no lock file left
