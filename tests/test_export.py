"""Briefings and file exports; the briefing opened in headless Chromium with the network cut."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from explorer.cli import main
from explorer.events import EventTable
from explorer.export import briefing_html, export_table, write_briefing

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from synthetic import make_events

D = dt.date
DATA = Path(__file__).parents[1] / "data"
HOSTILE = "Comment <script>alert(1)</script> and <img src=x onerror=alert(2)> </script> in Mosul"


def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": "e1", "article_id": "a", "title": "T", "sentence": HOSTILE,
             "place_name": "Mosul", "place_text": "Mosul", "country_code": "IQ",
             "latitude": 36.34, "longitude": 43.12, "start_date": D(2016, 10, 17),
             "end_date": D(2016, 10, 17), "categories": ("military",), "source": "Wire <b>",
             "url": "javascript:alert(3)", "place_confidence": 0.9, "date_confidence": 0.9},
            {"event_id": "e2", "article_id": "a", "sentence": "Talks in Geneva.",
             "place_name": "Geneva", "country_code": "CH", "latitude": 46.2, "longitude": 6.14,
             "start_date": D(2016, 1, 29), "end_date": D(2016, 1, 29),
             "categories": ("diplomatic",), "source": "Agency", "url": "https://example.org/g"},
        ]
    )  # fmt: skip


def test_briefing_content_and_escaping() -> None:
    page = briefing_html(table(), title="Iraq <test>")
    assert "<title>Iraq &lt;test&gt;</title>" in page
    body = page.split("<main>", 1)[1]
    # hostile text is escaped in HTML and cannot close a <script> inside the charts' JSON
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert body.count("</script>") == 1  # only the embedding script's own end
    assert "javascript:" not in body
    assert 'href="https://example.org/g"' in body
    for label in ("events", "places", "countries", "sources", "Key events", "Sources"):
        assert label in body
    assert "@media print" in page and ".charts{page-break-after:always}" in page


def test_briefing_filters() -> None:
    page = briefing_html(table(), countries=["CH"], start=D(2016, 1, 1), end=D(2016, 12, 31))
    assert "Geneva" in page and "Talks in Geneva" in page and "in Mosul" not in page


def test_briefing_is_self_contained_and_small(tmp_path: Path) -> None:
    path = write_briefing(make_events(1000), tmp_path / "b.html")  # type: ignore[arg-type]
    page = path.read_text(encoding="utf-8")
    assert not re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', page)
    assert path.stat().st_size <= 3_000_000


def test_briefing_of_many_events_in_memory_draws_the_busiest_places() -> None:
    # more distinct places than altair embeds in one dataset (5,000 rows)
    df = make_events(12_000).df.copy()  # type: ignore[attr-defined]
    df["place_name"] = [f"Site {i}" for i in range(len(df))]
    df["latitude"] = [30 + (i % 100) * 0.05 for i in range(len(df))]
    df["longitude"] = [40 + (i // 100) * 0.05 for i in range(len(df))]
    page = briefing_html(EventTable(df))
    assert "<b>12,000</b>events" in page


def test_overview_map_keeps_the_busiest_places_and_routes() -> None:
    from explorer.views.overview import overview_map

    rows = [
        {"event_id": f"e{i}", "article_id": "a", "sentence": "Troops moved.",
         "place_name": f"P{i % 7000}", "latitude": 10 + (i % 7000) * 0.001, "longitude": 20.0,
         "categories": ["military"], "origin_event_id": "e0" if i % 2 else None}
        for i in range(8000)
    ]  # fmt: skip
    for row in rows[:10]:
        row.update(place_name="Busy", latitude=5.0, longitude=5.0)
    spec = overview_map(EventTable(pd.DataFrame(rows)), max_places=100).to_dict()
    sizes = sorted(len(v) for v in spec["datasets"].values())
    assert max(sizes) <= 5000 and 100 in sizes
    assert any(
        any(r.get("place_name") == "Busy" for r in v) for v in spec["datasets"].values()
    )  # the busiest place is drawn


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "kml", "parquet"])
def test_export_formats(tmp_path: Path, fmt: str) -> None:
    path = export_table(table(), tmp_path / f"events.{fmt}")
    assert path.exists() and path.stat().st_size > 0
    if fmt == "kml":
        text = path.read_text(encoding="utf-8")
        assert text.count("<Placemark>") == 2 and "&amp;lt;script&amp;gt;" in text  # HTML, then XML
    else:
        assert len(EventTable.read(path)) == 2


def test_cli_brief_map_export_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = tmp_path / "events.geojson"
    assert main(["export", str(DATA), "--out", str(events)]) == 0
    assert main(["brief", str(events), "--out", str(tmp_path / "b.html"), "--title", "T",
                 "--from", "2016-01-01", "--to", "2017-12-31", "--country", "IQ"]) == 0  # fmt: skip
    assert main(["map", str(events), "--out", str(tmp_path / "m.html")]) == 0
    assert main(["timeline", str(events), "--out", str(tmp_path / "t.svg")]) == 0
    assert (tmp_path / "t.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert main(["timeline", str(events), "--out", str(tmp_path / "t.png")]) == 0
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert "cdn.jsdelivr" not in (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "opens offline" in capsys.readouterr().err


@pytest.mark.browser
def test_briefing_in_a_browser_with_the_network_cut(tmp_path: Path, offline_page: Any) -> None:
    image = pytest.importorskip("PIL.Image", reason="pillow is not installed")
    path = write_briefing(make_events(1000), tmp_path / "b.html", title="Offline")  # type: ignore[arg-type]
    page = offline_page.page
    page.on("requestfailed", lambda r: offline_page.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("#map svg", timeout=20_000)
    page.wait_for_selector("#timeline svg", timeout=20_000)
    assert page.locator("#map svg path").count() > 50  # outlines and events
    shot = tmp_path / "b.png"
    page.screenshot(path=str(shot))
    assert offline_page.errors == [] and offline_page.requests == []
    picture = image.open(io.BytesIO(shot.read_bytes())).convert("L")
    colors = picture.getcolors(maxcolors=65_536)  # None: more colours than that
    assert colors is None or len(colors) > 20  # not blank


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "kml"])
def test_cli_export_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    events = tmp_path / "events.geojson"
    export_table(table(), events)
    assert main(["export", str(events), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Mosul" in out and "Geneva" in out
