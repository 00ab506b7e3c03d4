"""The ingest pipeline end to end: seed article, CLI, incremental re-runs, parallel workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.events import Corrections, EventTable, ingest

DATA = Path(__file__).parents[2] / "data"
SEED = DATA / "articles" / "us-special-forces-iraq-syria.md"


@pytest.fixture(scope="module")
def seed_rows() -> list[dict]:
    return list(ingest([SEED]).table.records())


def test_seed_announcement_on_tuesday(seed_rows: list[dict]) -> None:
    rows = [r for r in seed_rows if "announcement was given" in r["sentence"]]
    assert rows and all(r["start_date"] == "2015-12-01" for r in rows)
    assert rows[0]["date_source"] == "sentence" and rows[0]["date_text"] == "Tuesday"


def test_seed_white_house_approval_last_week(seed_rows: list[dict]) -> None:
    rows = [r for r in seed_rows if "approved last week by the White House" in r["sentence"]]
    assert rows
    for r in rows:
        assert (r["date_value"], r["start_date"], r["end_date"]) == (
            "2015-W48", "2015-11-23", "2015-11-29",
        )  # fmt: skip


def test_seed_kerry_statement_last_wednesday(seed_rows: list[dict]) -> None:
    rows = [r for r in seed_rows if "Kerry said last Wednesday" in r["sentence"]]
    assert rows and all(r["start_date"] == "2015-11-25" for r in rows)


def test_seed_forces_in_irbil_and_the_movement_from_fort_bragg(seed_rows: list[dict]) -> None:
    irbil = next(r for r in seed_rows if r["place_text"] == "Irbil")
    bragg = next(r for r in seed_rows if r["place_text"] == "Fort Bragg")
    assert irbil["place_name"] == "Erbil" and irbil["country_code"] == "IQ"
    assert bragg["admin1"] == "North Carolina"
    assert irbil["origin_event_id"] == bragg["event_id"]
    assert "military" in irbil["categories"]


def test_no_false_places_in_the_seed(seed_rows: list[dict]) -> None:
    texts = {r["place_text"] for r in seed_rows}
    assert not texts & {"Kerry", "Carter", "Congress", "Of", "Reuters", "White House"}


def test_cli_ingest_writes_the_documented_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.json"
    assert main(["ingest", str(DATA), "--out", str(out), "--quiet", "--no-cache"]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows
    required = {
        "event_id", "article_id", "sentence", "place_text", "place_name", "latitude",
        "longitude", "country_code", "date_text", "date_value", "start_date", "end_date",
        "date_source", "categories", "origin_event_id",
    }  # fmt: skip
    assert required <= set(rows[0])
    err = capsys.readouterr().err
    assert "events" in err and "wrote" in err


def copy_corpus(tmp_path: Path, n: int = 6) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.md").write_text(
            f"---\ntitle: Report {i}\npublished: 2016-0{1 + i % 9}-1{i % 9}\n---\n"
            f"Troops flew from Kuwait to Baghdad on Tuesday. Aid reached Mosul last week {i}.\n",
            encoding="utf-8",
        )
    return folder


def test_incremental_re_run_skips_unchanged_articles(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path)
    cache = tmp_path / "cache.sqlite"
    first = ingest([folder], cache_path=cache)
    assert (first.processed, first.reused) == (6, 0)
    second = ingest([folder], cache_path=cache)
    assert (second.processed, second.reused) == (0, 6)
    assert second.table.equals(first.table)
    (folder / "a0.md").write_text("---\ntitle: Changed\n---\nFighting in Raqqa.\n", "utf-8")
    third = ingest([folder], cache_path=cache)
    assert (third.processed, third.reused) == (1, 5)


def test_corrections_change_the_result_and_invalidate_the_cache(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path, 1)
    cache = tmp_path / "cache.sqlite"
    before = ingest([folder], cache_path=cache).table
    baghdad = before.df[before.df["place_text"] == "Baghdad"].iloc[0]
    corrections = Corrections(tmp_path / "corrections.json")
    corrections.set_place(baghdad["article_id"], int(baghdad["place_start"]), "Basra")
    after = ingest([folder], cache_path=cache, corrections=corrections)
    assert after.processed == 1
    row = after.table.df[after.table.df["place_text"] == "Baghdad"].iloc[0]
    assert row["place_name"] == "Basrah" and row["place_reason"] == "corrected by the user"


def test_two_workers_give_the_same_table(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path)
    one = ingest([folder], jobs=1).table
    two = ingest([folder], jobs=2).table
    assert two.equals(one)


def test_bad_files_are_reported_not_dropped(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path, 2)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    result = ingest([folder])
    assert [s.reason for s in result.report.skipped] == ["binary file, not text"]
    assert "1 skipped" in result.summary()


def test_events_files_join_the_table(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path, 1)
    shutil.copy(SEED, folder / "seed.md")
    (folder / "given.csv").write_text(
        "date,place,description,category\n2016-10-17,Mosul,Offensive begins.,military\n", "utf-8"
    )
    table = ingest([folder]).table
    given = table.df[table.df["date_source"] == "given"]
    assert len(given) == 1 and given.iloc[0]["place_name"] == "Mosul"
    assert isinstance(table, EventTable)
