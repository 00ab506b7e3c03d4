"""A briefing's key events as incidents (ranked by independent sources, then harm), and the
CLI's incidents file next to the events file."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_views_incidents import HOSTILE, events, incidents

from explorer.export import briefing_html
from explorer.export.briefing import key_incidents
from explorer.incidents.table import IncidentTable


def test_key_incidents_ranked_by_sources_then_harm() -> None:
    table = IncidentTable.from_records(
        [
            {"incident_id": "one-source", "label": "flood", "reports": 5, "killed": 40,
             "sources": ("A",), "article_ids": ("a",)},
            {"incident_id": "two-mild", "label": "protest", "reports": 2, "killed": 0,
             "sources": ("A", "B"), "article_ids": ("b", "c")},
            {"incident_id": "two-deadly", "label": "attack", "reports": 2, "killed": 2,
             "injured": 1, "sources": ("C", "D"), "article_ids": ("d", "e")},
        ]
    )  # fmt: skip
    keys = key_incidents(table, 10)
    assert [k["label"] for k in keys] == ["Attack", "Protest", "Flood"]
    assert keys[0]["counts"] == "2 killed, 1 injured"
    assert keys[0]["summary"] == "2 reports from 2 sources"
    assert keys[0]["sources"] == ["C", "D"]
    assert [r["article_id"] for r in keys[0]["reports"]] == ["d", "e"]
    assert len(key_incidents(table, 1)) == 1 and key_incidents(table, 0) == []


def test_key_incidents_list_every_report_from_the_events() -> None:
    first = key_incidents(incidents(), 5, events())[0]
    assert first["where"] == "Mosul, Iraq (IQ)" and first["when"] == "17 Oct 2016"
    assert [r["source"] for r in first["reports"]] == ["Reuters", "AP", "Reuters"]
    assert first["reports"][2]["evidence"] == "A suspect was held."


def test_briefing_with_incidents() -> None:
    page = briefing_html(events(), incidents=incidents(), title="T")
    assert page.count('class="incident"') == 3
    assert page.count('class="incident-report"') == 2 + 1 + 3  # c1, c2; b1; a1-a3
    assert "Sources: Reuters, AP" in page and "A suspect was held." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and HOSTILE not in page
    assert ">3</b>incidents" in page.replace("\n", "")


def test_briefing_of_incidents_maps_the_incidents() -> None:
    import json

    page = briefing_html(events(), incidents=incidents(), title="T")
    assert 'id="incident-map"' in page and 'id="map"' not in page  # not the mentions' map
    data = page.split('id="incident-map-page">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # a JSON string that cannot end its element
    inner = json.loads(data)  # the incident map's own page, made by incident_map
    assert "Incidents (2)" in inner and "explorerIncidentMarker" in inner
    assert "<script>alert(1)" not in inner and "49 shooting" not in inner
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in page


def test_briefing_filters_apply_to_incidents() -> None:
    page = briefing_html(events(), incidents=incidents(), countries=["SY"])
    assert page.count('class="incident"') == 1 and "Ar Raqqah" in page


def test_briefing_without_incidents_is_unchanged() -> None:
    page = briefing_html(events())
    assert 'class="incident"' not in page and "Gunmen shot three in Mosul." in page
    assert 'id="map"' in page and 'id="incident-map' not in page


@pytest.mark.parametrize(("extra", "incident_markers"), [([], True), (["--mentions"], False)])
def test_cli_map_takes_the_incidents_next_to_the_events(
    tmp_path: Path, extra: list[str], incident_markers: bool
) -> None:
    from explorer.cli import main
    from explorer.incidents.table import incidents_path

    events_file = events().write(tmp_path / "events.csv")
    incidents().write(incidents_path(events_file))
    out = tmp_path / "map.html"
    assert main(["map", str(events_file), "--out", str(out), "--cdn", *extra]) == 0
    page = out.read_text(encoding="utf-8")
    assert ("Incidents (2)" in page) is incident_markers
    assert ("3 reports from 2 sources" in page) is incident_markers


def test_cli_brief_takes_an_incidents_file(tmp_path: Path) -> None:
    from explorer.cli import main

    events_file = events().write(tmp_path / "events.json")
    other = incidents().write(tmp_path / "elsewhere.parquet")
    out = tmp_path / "brief.html"
    assert main(["brief", str(events_file), "--out", str(out), "--incidents", str(other)]) == 0
    assert out.read_text(encoding="utf-8").count('class="incident"') == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--incidents", "missing.csv"], "no such incidents file"),
        (["--incidents", "x.csv", "--mentions"], "not both"),
    ],
)
def test_cli_incidents_options_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    from explorer.cli import main

    events_file = events().write(tmp_path / "events.csv")
    (tmp_path / "x.csv").write_text("incident_id\n", encoding="utf-8")
    args = [a if not a.endswith(".csv") else str(tmp_path / a) for a in args]
    code = main(["map", str(events_file), "--out", str(tmp_path / "m.html"), *args])
    assert code != 0 and message in capsys.readouterr().err


def test_briefing_of_more_incidents_than_altair_takes() -> None:
    """The incidents' timeline draws each incident: over altair's 5,000 rows it used to fail."""
    import datetime as dt

    many = IncidentTable.from_records(
        [{"incident_id": f"i{k}", "label": "flood", "reports": 1, "sources": ("A",),
          "article_ids": (f"a{k}",), "start": dt.date(2016, 1, 1) + dt.timedelta(days=k % 700),
          "end": dt.date(2016, 1, 1) + dt.timedelta(days=k % 700), "country_code": "IQ"}
         for k in range(5_001)]
    )  # fmt: skip
    page = briefing_html(events(), incidents=many, key_events=3)
    assert ">5,001</b>incidents" in page.replace("\n", "")
    assert page.count('class="incident"') == 3
