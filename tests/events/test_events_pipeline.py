"""The ingest pipeline end to end: seed article, CLI, incremental re-runs, parallel workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.events import Corrections, EventTable, ingest
from explorer.geocoding import geocode

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
    basra = geocode("Basra")  # whichever Basra the ranking prefers
    assert basra is not None and row["place_key"] == basra.key
    assert row["place_reason"] == "corrected by the user"


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


def test_changed_extraction_code_means_reprocessing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.events import pipeline

    folder = copy_corpus(tmp_path, 2)
    cache = tmp_path / "cache.sqlite"
    assert ingest([folder], cache_path=cache).processed == 2
    assert ingest([folder], cache_path=cache).reused == 2
    monkeypatch.setattr(pipeline, "extraction_version", lambda: "other code")
    again = ingest([folder], cache_path=cache)
    assert (again.processed, again.reused) == (2, 0)


def test_the_code_fingerprint_follows_the_files(tmp_path: Path) -> None:
    from explorer.events.pipeline import _hash_files, code_fingerprint, extraction_version

    (tmp_path / "places" / "data").mkdir(parents=True)
    (tmp_path / "places" / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "places" / "data" / "words.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "places" / "__pycache__").mkdir()
    before = _hash_files(tmp_path, ["places", "model.py"])
    (tmp_path / "places" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert _hash_files(tmp_path, ["places", "model.py"]) == before  # caches do not count
    (tmp_path / "places" / "data" / "words.csv").write_text("b\n", encoding="utf-8")
    assert _hash_files(tmp_path, ["places", "model.py"]) != before
    assert len(code_fingerprint()) == 16 and extraction_version() == extraction_version()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_article_is_reported_and_the_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    from explorer.events import pipeline

    real = pipeline.article_result

    def flaky(article, corrections=None):  # type: ignore[no-untyped-def]
        if article.title == "Report 1":
            raise ZeroDivisionError("boom")
        return real(article, corrections)

    monkeypatch.setattr(pipeline, "article_result", flaky)  # forked workers inherit it
    folder = copy_corpus(tmp_path, 4)
    result = ingest([folder], jobs=jobs)
    (failed,) = result.failed
    assert failed.path.endswith("a1.md") and "ZeroDivisionError: boom" in failed.reason
    assert result.processed == 3 and set(result.table.df["title"]) == {
        "Report 0", "Report 2", "Report 3"}  # fmt: skip
    assert f"skipped {failed.path}: {failed.reason}" in result.messages()


@pytest.mark.parametrize("jobs", [1, 2])
def test_stale_and_orphaned_corrections_are_reported(tmp_path: Path, jobs: int) -> None:
    folder = copy_corpus(tmp_path, 2)
    first = ingest([folder]).table.df
    baghdad = first[first["place_text"] == "Baghdad"].iloc[0]
    c = Corrections(tmp_path / "corrections.json")
    c.set_place(baghdad["article_id"], int(baghdad["place_start"]), None, text="Baghdad")
    c.set_place(baghdad["article_id"], 3, None, text="Basra")  # nothing like it there
    c.set_place("gone-article", 10, None, text="Mosul")
    cache = tmp_path / "cache.sqlite"
    for _ in range(2):  # the second run comes from the cache and says the same
        result = ingest([folder], jobs=jobs, corrections=c, cache_path=cache)
        kept = result.table.df[result.table.df["place_text"] == "Baghdad"]
        assert baghdad["article_id"] not in set(kept["article_id"]) and len(kept) == 1
        notes = [n.reason for n in result.notices]
        assert len(notes) == 2, notes
        assert "place correction of 'Basra' at offset 3 no longer matches" in notes[0]
        assert "1 correction(s) for article 'gone-article', which is not among" in notes[1]
        assert all(n.path == str(tmp_path / "corrections.json") for n in result.notices)
        assert "2 notices" in result.summary()


def test_duplicates_give_one_set_of_unique_event_ids(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path, 1)
    (folder / "copy.md").write_bytes((folder / "a0.md").read_bytes())
    (folder / "sub").mkdir()
    (folder / "sub" / "a0.md").write_bytes((folder / "a0.md").read_bytes())
    (folder / "two.json").write_text(json.dumps([
        {"id": "1", "text": "Fighting in Mosul."}, {"id": "1", "text": "Talks in Geneva."}]),
        encoding="utf-8")  # fmt: skip
    result = ingest([folder, folder / "a0.md", (folder / "a0.md").resolve()])
    ids = result.table.df["event_id"]
    assert ids.is_unique and len(result.report.articles) == 3
    assert {"1:12", "1-2:9"} <= set(ids)  # Mosul in "1", Geneva in "1-2"


def test_an_events_table_read_twice_or_re_read_from_the_output(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path, 2)
    out = tmp_path / "corpus" / "events.csv"
    first = ingest([folder])
    first.table.write(out)
    again = ingest([folder])  # the output is in the folder: recognised, its rows are the same
    assert not any("no 'text'" in s.reason for s in again.report.skipped)
    assert again.table.equals(first.table)
    assert "identical to events already read" in again.notices[-1].reason
    left_out = ingest([folder], exclude=[out])
    assert left_out.table.equals(first.table)
    assert [n.reason for n in left_out.notices] == ["not read: it is this run's output"]
    shutil.copy(out, tmp_path / "copy.csv")
    edited = first.table.df.copy()
    edited.loc[0, "sentence"] = "Edited by hand."
    EventTable(edited).write(tmp_path / "edited.csv")
    both = ingest([out, tmp_path / "copy.csv", tmp_path / "edited.csv"]).table.df
    assert both["event_id"].is_unique and len(both) == len(first.table) + 1
    assert (both["sentence"] == "Edited by hand.").sum() == 1


def test_the_summary_counts_events_without_a_point_never_below_zero(tmp_path: Path) -> None:
    (tmp_path / "points.csv").write_text(
        "date,latitude,longitude,description\n2016-10-17,36.19,44.01,In Erbil.\n"
        "2016-10-18,34.55,38.27,Near Palmyra.\n2016-10-19,,,Nowhere given.\n",
        encoding="utf-8",
    )  # events placed by coordinates alone, no place names: the count was -2
    assert ", 3 events, 1 unresolved places," in ingest([tmp_path]).summary()
