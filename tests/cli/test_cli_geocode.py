"""The CLI, run in-process."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main

EXPECTED = {
    # query: (name, country, feature, latitude, longitude, admin1)
    "Irbil": ("Erbil", "IQ", "populated_place", 36.19, 44.01, None),
    "Fort Bragg, North Carolina": (
        "Fort Bragg", "US", "populated_place", 35.14, -79.01, "North Carolina"
    ),
    "Iraq": ("Iraq", "IQ", "country", 33.0, 44.0, None),
    "Syria": ("Syria", "SY", "country", 35.0, 38.0, None),
    "North Carolina": ("North Carolina", "US", "admin1", 35.5, -80.0, "North Carolina"),
    "Mosul": ("Mosul", "IQ", "populated_place", 36.34, 43.12, None),
    "Raqqa": ("Ar Raqqah", "SY", "populated_place", 35.95, 39.01, None),
}  # fmt: skip


def test_geocode_json_gives_the_documented_objects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--json", *EXPECTED]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["query"] for r in rows] == list(EXPECTED)
    for row in rows:
        assert set(row) == {
            "query", "name", "latitude", "longitude", "country_code", "admin1", "feature",
            "geonames_id", "population",
        }  # fmt: skip
        name, cc, feature, lat, lon, admin1 = EXPECTED[row["query"]]
        assert (row["name"], row["country_code"], row["feature"]) == (name, cc, feature)
        assert row["latitude"] == pytest.approx(lat, abs=0.5)
        assert row["longitude"] == pytest.approx(lon, abs=0.5)
        if admin1:
            assert row["admin1"] == admin1
    assert rows[0]["geonames_id"] == 95446


def test_not_found_has_null_fields_and_exit_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--json", "Qwxzvbnm", "Mosul"]) == 1  # scripts can tell
    row, found = json.loads(capsys.readouterr().out)
    assert row["query"] == "Qwxzvbnm"
    assert all(row[k] is None for k in row if k != "query")
    assert found["name"] == "Mosul"


def test_bad_query_is_reported_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--json", "", "Mosul"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["error"] == "empty place query"
    assert rows[1]["name"] == "Mosul"


def test_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Fort Bragg, California"]) == 0
    assert "California" in capsys.readouterr().out


def test_online_back_end_without_user_agent_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["geocode", "--backend", "nominatim", "Mosul"]) == 2
    assert "user agent" in capsys.readouterr().err


def test_an_over_long_query_is_named_briefly_in_the_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["geocode", "x" * 5000]) == 1
    err = capsys.readouterr().err
    assert "too long" in err
    assert len(err) < 200  # the query is not echoed whole


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "explorer.cli", "geocode", "--json", "Irbil"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)[0]["name"] == "Erbil"
