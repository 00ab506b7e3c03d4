"""Commands check their inputs and outputs before working, and say when a view is empty."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explorer.cli import main

ARTICLE = (
    "---\ntitle: Talks <script>alert(1)</script>\npublished: 2015-12-02\n---\n"
    "Officials met in Mosul last Wednesday. </script><script>alert(2)</script> They left.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["brief", "nope.csv", "--out", "b.html"],
        ["map", "nope/*.csv", "--out", "m.html"],
        ["export", "missing-folder", "--out", "x.csv"],
        ["timeline", "nope.md", "--out", "t.svg"],
        ["ingest", "nope.md", "--out", "x.csv"],
    ],
)
def test_a_misspelt_input_is_an_error(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "{a}", "--out", "{tmp}/m.png"], "written as .html"),
        (["map", "{a}", "--out", "{tmp}/m.html", "--basemap", "Nowhere.Tiles"], "unknown basemap"),
        (["timeline", "{a}", "--out", "{tmp}/t.pdf"], "written as .png"),
        (["brief", "{a}", "--out", "{tmp}/b.pdf"], "written as .html"),
        (["ingest", "{a}", "--out", "{tmp}/x.xlsx"], "cannot write events as 'xlsx'"),
        (["ingest", "{a}", "--out", "{tmp}/x.csv", "--corrections", "{tmp}/none.json"],
         "no such corrections file"),
    ],
)  # fmt: skip
def test_bad_outputs_and_options_are_refused_before_the_work(
    argv: list[str], message: str, article: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    argv = [a.format(a=article, tmp=tmp_path) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_jobs_must_be_positive(article: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", str(article), "--out", str(tmp_path / "x.csv"), "--jobs", "0"])


def test_map_creates_its_folder(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er" / "m.html"
    assert main(["map", str(article), "--out", str(out)]) == 0
    assert out.exists()


def test_timeline_html_escapes_article_text_and_needs_no_cdn(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    assert main(["timeline", str(article), "--out", str(out), "--lanes", "place"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "</script><script>" not in page
    assert not re.findall(r'<script[^>]+src="https?://', page)


def test_kml_says_how_many_events_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "e.csv"
    events.write_text(
        "date,place,description\n2016-05-01,Mosul,Shelling.\n2016-05-02,Qwxzvbnm Camp,Aid.\n",
        encoding="utf-8",
    )
    assert main(["export", str(events), "--out", str(tmp_path / "x.kml")]) == 0
    assert "1 of 2 events" in capsys.readouterr().err


def test_an_empty_briefing_is_written_with_a_warning(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.html"
    assert main(["brief", str(article), "--out", str(out), "--country", "fr"]) == 0
    assert out.exists() and "no events" in capsys.readouterr().err


def test_dates_of_a_file_read_its_front_matter(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dates", str(article), "--json"]) == 0
    (found,) = [t for t in json.loads(capsys.readouterr().out) if t["text"] == "last Wednesday"]
    assert found["value"] == "2015-11-25"  # published 2015-12-02, from the front matter


def test_jsonl_reads_a_file_when_one_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": 7, "text": "Talks in Geneva."}\n', encoding="utf-8")
    assert main(["places", "--jsonl", str(batch)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["places"][0]["name"] == "Geneva"


def test_ingest_into_its_own_folder_does_not_read_its_output_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(ARTICLE, encoding="utf-8")
    out = corpus / "events.csv"
    for _ in range(2):
        assert main(["ingest", str(corpus), "--out", str(out), "--no-cache", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "no 'text'" not in err
    first = out.read_text(encoding="utf-8")
    assert first.count("\n") > 1


def test_a_ready_made_table_with_categories_in_capitals_filters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "given.csv"
    given.write_text(
        "event_id,date,place,description,category\n1,2016-05-01,Mosul,Shelling.,Military\n",
        encoding="utf-8",
    )
    out = tmp_path / "b.html"
    assert main(["brief", str(given), "--out", str(out), "--category", "military"]) == 0
    assert "no events" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["places", "dates"])
def test_jsonl_answers_a_deeply_nested_line_with_an_error_and_goes_on(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "in.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    batch.write_text(f'{deep}\n{{"id": 2, "text": "Talks in Geneva."}}\n', encoding="utf-8")
    assert main([command, "--jsonl", str(batch)]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first == {"id": None, "error": "not JSON: nested too deeply"}
    assert second["id"] == 2 and "error" not in second
