"""explorer incidents: the batch protocol of the event scorers, and one article from a file."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from explorer.cli import main


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lines: list[str]):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["incidents", "--jsonl"])
    out = capsys.readouterr().out.splitlines()
    return code, [json.loads(x) for x in out]


def test_jsonl_one_answer_per_document_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [
        {"id": "d1", "title": "Man shot in Tulsa", "text": "A man was shot on Friday.",
         "published": "2016-03-07"},
        {"id": "d2", "title": "", "text": "Nothing happened.", "published": None},
        {"id": "d3", "title": "Tulsa shooting", "text": "Police said a man was shot Friday.",
         "published": "2016-03-07"},
    ]  # fmt: skip
    code, answers = _run(monkeypatch, capsys, [json.dumps(d) for d in docs])
    assert code == 0
    assert [a["id"] for a in answers] == ["d1", "d2", "d3"]
    first = answers[0]["incidents"][0]
    assert first["place_name"] == "Tulsa" and first["admin1"] == "Oklahoma"
    assert first["date"] == "2016-03-04"
    assert first["start_date"] <= first["end_date"]
    assert answers[0]["incidents"][0]["incident_id"] == answers[2]["incidents"][0]["incident_id"]


def test_jsonl_bad_line_is_answered_with_an_error_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "ok", "text": "Floods hit Dhaka.", "published": "2020-07-01"})
    code, answers = _run(monkeypatch, capsys, ["{not json", good, json.dumps({"id": "x"})])
    assert code == 0
    assert "error" in answers[0] and "error" in answers[2]
    assert answers[1]["id"] == "ok" and answers[1]["incidents"]


def test_place_offsets_are_into_the_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Fighters attacked an army post in the city of Mosul on Sunday."
    _, answers = _run(monkeypatch, capsys, [json.dumps({"id": "s", "title": "", "text": text})])
    inc = answers[0]["incidents"][0]
    assert text[inc["place_start"] : inc["place_end"]] == "Mosul"


def test_files_are_read_and_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Airstrike on a market\npublished: 2016-02-10\n---\n"
        "Jets struck a market in Aleppo on Tuesday, killing 12 people.\n",
        encoding="utf-8",
    )
    assert main(["incidents", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["label"] == "airstrike"
    assert out[0]["place_name"] == "Aleppo"
    assert out[0]["date"] == "2016-02-09"
    assert out[0]["killed"] == 12


def test_no_input_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["incidents"]) != 0
    assert "INPUT" in capsys.readouterr().err


@pytest.mark.parametrize(("flags", "incidents"), [([], True), (["--mentions"], False)])
def test_map_of_an_article_folder_maps_its_incidents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], incidents: bool
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Two men shot in Durham\n\nDURHAM, N.C. - Two men were shot outside a store on "
        "Main Street on Monday night, police said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "map.html"
    assert main(["map", str(folder), "--out", str(out), *flags]) == 0
    err = capsys.readouterr().err
    assert ("incidents)" in err) is incidents
    assert ("explorerData.incidents" in out.read_text(encoding="utf-8")) is incidents
