from __future__ import annotations

import io
import json

import pytest

from explorer.cli import main


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lines: list[str]
) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["dates", "--jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_jsonl_protocol(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(
        monkeypatch,
        capsys,
        [
            json.dumps({"id": "a", "text": "He left on Tuesday.", "published": "2015-12-02"}),
            "{not json",
            json.dumps({"id": "c", "text": 5}),
            json.dumps({"id": "d", "text": "Talks last week.", "published": "yesterday"}),
            json.dumps({"id": "e", "text": "Talks last week."}),
        ],
    )
    assert [o["id"] for o in out] == ["a", None, "c", "d", "e"]
    (tuesday,) = out[0]["dates"]
    assert {k: tuesday[k] for k in ("text", "start", "end", "type", "value")} == {
        "text": "Tuesday", "start": 11, "end": 18, "type": "DATE", "value": "2015-12-01",
    }  # fmt: skip
    assert (tuesday["start_date"], tuesday["end_date"], tuesday["granularity"]) == (
        "2015-12-01", "2015-12-01", "day",
    )  # fmt: skip
    assert tuesday["anchored"] is True
    assert "error" in out[1] and "error" in out[2] and "error" in out[3]
    assert out[4]["dates"][0]["value"] == "XXXX-WXX"


def test_single_file(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text("It was approved last week.", encoding="utf-8")
    assert main(["dates", str(path), "--published", "2015-12-02", "--json"]) == 0
    (t,) = json.loads(capsys.readouterr().out)
    assert (t["value"], t["start_date"], t["end_date"]) == ("2015-W48", "2015-11-23", "2015-11-29")
