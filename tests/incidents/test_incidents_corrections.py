"""Incident corrections: merge, split, move, re-date; stored with the other corrections."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pytest

from explorer.corpus import ingest
from explorer.errors import CorrectionError
from explorer.events import Corrections
from explorer.incidents.corrections import apply_incident_corrections, stale_incident_corrections
from explorer.incidents.group import group_reports
from explorer.incidents.model import Incident, IncidentReport
from explorer.incidents.table import IncidentTable
from explorer.model import Place

TOWN = Place(
    "gn:5202215", "McKeesport", "populated_place", 40.3479, -79.8642, "US", "PA", "Pennsylvania"
)
TULSA = Place("gn:4553433", "Tulsa", "populated_place", 36.154, -95.9928, "US", "OK", "Oklahoma")
DAY = dt.date(2013, 1, 1)


def _report(aid: str, place: Place, day: dt.date = DAY, label: str = "shooting") -> IncidentReport:
    return IncidentReport(
        article_id=aid, label=label, category="crime", place=place, place_precision="town",
        start=day, end=day, date_precision="day", killed=1, published=day, source=aid.upper(),
        title=f"{label} in {place.name}", event_ids=(f"{aid}:0",), confidence=0.5,
    )  # fmt: skip


def _incidents() -> list[Incident]:
    text = "Julian Sims, 20, is wanted after a shooting on Versailles Avenue."
    reports = [_report("a", TOWN), _report("b", TOWN), _report("c", TULSA, DAY.replace(day=7))]
    found = group_reports(reports, {"a": text, "b": text, "c": "Four women found dead."})
    assert sorted(i.article_ids for i in found) == [("a", "b"), ("c",)]
    return found


def _groups(incidents: list[Incident] | IncidentTable) -> list[tuple[str, ...]]:
    if isinstance(incidents, IncidentTable):
        return sorted(tuple(sorted(ids)) for ids in incidents.df["article_ids"])
    return sorted(tuple(sorted(i.article_ids)) for i in incidents)


@pytest.mark.parametrize("as_table", [False, True])
def test_merge_and_split(tmp_path: Path, as_table: bool) -> None:
    found = _incidents()
    given = IncidentTable.from_incidents(found) if as_table else found
    c = Corrections(tmp_path / "corrections.json")
    c.merge_incidents("a", "c")
    merged = apply_incident_corrections(given, c)
    assert type(merged) is type(given) and _groups(merged) == [("a", "b", "c")]
    first = next(i for i in found if "a" in i.article_ids).incident_id
    ids = merged.df["incident_id"] if isinstance(merged, IncidentTable) else [
        i.incident_id for i in merged
    ]  # fmt: skip
    assert list(ids) == [first]  # the first reported keeps its id
    if isinstance(merged, list):
        assert merged[0].sources == ("A", "B", "C") and len(merged[0].reports) == 3
    c2 = Corrections(tmp_path / "other.json")
    c2.split_incident("b")
    split = apply_incident_corrections(given, c2)
    assert _groups(split) == [("a",), ("b",), ("c",)]
    if isinstance(split, IncidentTable):
        assert sorted(map(list, split.df["event_ids"])) == [["a:0"], ["b:0"], ["c:0"]]
    # a split first, then a merge: b leaves a's incident and joins c's
    c2.merge_incidents("b", "c")
    assert _groups(apply_incident_corrections(given, c2)) == [("a",), ("b", "c")]
    assert stale_incident_corrections(given, c2) == []


@pytest.mark.parametrize("as_table", [False, True])
def test_move_and_redate(tmp_path: Path, as_table: bool) -> None:
    found = _incidents()
    given = IncidentTable.from_incidents(found) if as_table else found
    c = Corrections(tmp_path / "corrections.json")
    c.move_incident("b", (40.35, -79.86), name="Versailles Avenue")
    c.redate_incident("c", dt.date(2013, 1, 5), dt.date(2013, 1, 6))
    out = apply_incident_corrections(given, c)
    table = out if isinstance(out, IncidentTable) else IncidentTable.from_incidents(out)
    rows = {tuple(r["article_ids"]): r for r in table.records()}
    moved, dated = rows[("a", "b")], rows[("c",)]
    assert (moved["place_name"], moved["latitude"], moved["place_precision"]) == (
        "Versailles Avenue", 40.35, "point"
    )  # fmt: skip
    assert moved["country_code"] == "US"  # from the nearest town
    assert (dated["start"], dated["end"], dated["date_precision"]) == (
        "2013-01-05", "2013-01-06", "week"
    )  # fmt: skip
    assert dated["place_name"] == "Tulsa"  # only the dates changed


def test_labels_narrow_an_article_with_several_incidents(tmp_path: Path) -> None:
    reports = [_report("a", TOWN), _report("a", TULSA, label="flood"), _report("c", TULSA)]
    found = group_reports(reports)
    c = Corrections(tmp_path / "c.json")
    c.redate_incident("a", dt.date(2012, 12, 31), label="flood")
    out = apply_incident_corrections(found, c)
    flood = next(i for i in out if i.label == "flood")
    assert flood.start == dt.date(2012, 12, 31)
    assert all(i.start == DAY for i in out if i.label == "shooting" and "a" in i.article_ids)
    c.redate_incident("a", dt.date(2012, 12, 30), label="airstrike")
    (line,) = stale_incident_corrections(found, c)
    assert "article 'a' (airstrike) reports no incident" in line


def test_stored_with_the_other_corrections_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    c = Corrections(path)
    c.remove_place("a", "Carter")
    c.merge_incidents("b", "a")
    c.split_incident("c")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["incidents"] == [
        {"kind": "merge", "articles": ["a", "b"]},
        {"kind": "split", "article_id": "c"},
    ]
    assert len(data["corrections"]) == 1 and len(Corrections(path)) == 3
    gone = Corrections(path).drop(2)  # numbered after the place and date corrections
    assert gone["kind"] == "merge"
    assert Corrections(path).incident_entries() == [{"kind": "split", "article_id": "c"}]
    with pytest.raises(CorrectionError, match="two or more different articles"):
        c.merge_incidents("a", "a")
    with pytest.raises(CorrectionError, match="no place found for 'Qwxzvbnm'"):
        c.move_incident("a", "Qwxzvbnm")
    with pytest.raises(CorrectionError, match="before start date"):
        c.redate_incident("a", DAY, DAY.replace(year=2012))
    path.write_text('{"corrections": [], "incidents": [{"kind": "move", "article_id": "a"}]}')
    with pytest.raises(CorrectionError, match=r"incident entry 1: a move needs 'place'"):
        Corrections(path)


def _writer(path: str, article: str, n: int) -> None:
    c = Corrections(path)
    for k in range(n):
        c.redate_incident(f"{article}{k}", DAY)


def test_two_writers_keep_both_edits(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), a, 20)) for a in ("x", "y")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert all(p.exitcode == 0 for p in procs)
    assert len(Corrections(path).incident_entries()) == 40


def test_two_objects_keep_both_edits(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    one, two = Corrections(path), Corrections(path)
    one.merge_incidents("a", "b")
    two.add_place("c", "Tulsa", (36.15, -95.99))
    two.split_incident("c")
    assert [e["kind"] for e in Corrections(path).incident_entries()] == ["merge", "split"]
    assert len(Corrections(path).entries()) == 1


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


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, (aid, source, day, title, text) in ARTICLES.items():
        (folder / name).write_text(
            f"---\nid: {aid}\ntitle: {title}\npublished: {day}\nsource: {source}\n---\n{text}\n",
            encoding="utf-8",
        )
    return folder


def test_applied_by_ingest_on_every_run_and_stale_reported(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news")
    c = Corrections(tmp_path / "corrections.json")
    c.split_incident("b")
    c.redate_incident("c", dt.date(2013, 1, 6))
    c.move_incident("a", "Pittsburgh, Pennsylvania")
    cache = tmp_path / "cache.sqlite"
    for _ in range(2):  # the second run takes the events from the cache: same incidents
        result = ingest(folder, incidents=True, progress=False, corrections=c, cache_path=cache)
        assert result.incidents is not None
        rows = {tuple(r["article_ids"]): r for r in result.incidents.records()}
        assert sorted(rows) == [("a",), ("b",), ("c",)]
        assert rows[("a",)]["place_name"] == "Pittsburgh"
        assert rows[("b",)]["place_name"] == "McKeesport"
        assert rows[("c",)]["start"] == "2013-01-06"
        assert not [n for n in result.notices if "incident" in n.reason]
    c.split_incident("a", label="airstrike")  # a reports no airstrike: not applied, reported
    (folder / "c.md").unlink()
    result = ingest(folder, incidents=True, progress=False, corrections=c, cache_path=cache)
    note, airstrike = [n for n in result.notices if "incident" in n.reason]
    assert "article 'a' (airstrike) reports no incident" in airstrike.reason
    assert note.path == str(tmp_path / "corrections.json")
    assert "the incident of article 'c' happened on 2013-01-06' no longer fits" in note.reason
    assert "not applied" in note.reason
