"""Map build time, HTML size and the time a browser takes to open it, timeline build, briefing
size, filter latency, and what the Explorer panel sends per map redraw, on synthetic event
tables.

The panel's live map (explorer/views/mapwidget.py) sends only the markers of a view; it used to
send the whole offline folium page. At 16,746 events, each at its own point (2 cores, shared):
0.39 s and 1.43 MB per redraw, was 4.52 s and 13.0 MB.

.venv/bin/python benchmarks/bench_views.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_events

# (events, places): None puts every event at a point of its own (the worst case); geocoded news
# puts the events of a town on its coordinates
MAPS = [(1_000, None), (10_000, None), (50_000, None), (50_000, 5_000), (100_000, 5_000)]


def _open_in_browser(page: str) -> float | None:
    """Seconds until headless Chromium shows the map's markers (None without Chromium)."""
    import shutil
    import tempfile

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "map.html"
        path.write_text(page, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1200, "height": 800})
        t = time.perf_counter()
        tab.goto(path.as_uri(), wait_until="load", timeout=300_000)
        tab.wait_for_selector(".marker-cluster, path.leaflet-interactive", timeout=300_000)
        seconds = time.perf_counter() - t
        browser.close()
    return seconds


def _panel_redraw(n: int = 16_746) -> None:
    """Bytes sent and seconds per map redraw of the Explorer panel: the live map widget's data
    against the offline folium page in an iframe it replaced (``Explorer.map_html``); and the
    timeline's rebuild when a filter other than the dates changes."""

    import altair as alt

    from explorer.views.panel import Explorer

    for places in (None, 5_000):
        # the counts timeline's spans (commit f4ea10c) exceed altair's 5,000 rows on these
        # tables (a MaxRowsError in build_timeline): lifted here, to measure the map
        with alt.data_transformers.disable_max_rows():
            _panel_case(Explorer(make_events(n, places=places)), places)  # type: ignore[arg-type]


def _panel_case(panel: Any, places: int | None) -> None:
    import json

    view = panel.map_view
    once = len(view._esm) + len(view._css) + len(json.dumps(view.outlines))
    where = "each at its own point" if places is None else f"on {places:,} places"
    for label, countries in (("all", ()), ("IQ + SY", ("IQ", "SY")), ("IQ", ("IQ",))):
        panel.countries.value = countries
        t = time.perf_counter()
        page = panel.map_html().encode()
        before = time.perf_counter() - t
        t = time.perf_counter()
        panel.render_map()
        sent = json.dumps(view.data).encode()
        after = time.perf_counter() - t
        t = time.perf_counter()
        rebuilt = panel.render_timeline()
        spec = json.dumps(panel.timeline.spec).encode()
        rebuild = time.perf_counter() - t
        timeline = (
            f"timeline rebuilt in {rebuild:.2f} s, {len(spec) / 1e6:.2f} MB"
            if rebuilt
            else "timeline unchanged"
        )
        print(
            f"Explorer panel map redraw, {len(panel.filtered):,} events {where} ({label}):"
            f" {after:.2f} s, {len(sent) / 1e6:.2f} MB sent (was {before:.2f} s,"
            f" {len(page) / 1e6:.2f} MB: the offline folium page); {timeline}"
        )
    print(f"  sent once per panel: {once / 1e6:.2f} MB (Leaflet, markercluster, outlines)")


def main() -> None:
    from explorer.events import Criteria
    from explorer.views.map import build_map
    from explorer.views.timeline import build_timeline

    for n, places in MAPS:
        table = make_events(n, places=places)
        t = time.perf_counter()
        html = build_map(table).get_root().render()  # type: ignore[arg-type]
        where = "each at its own point" if places is None else f"on {places:,} places"
        opened = _open_in_browser(html) if n >= 10_000 else None
        print(
            f"map, {n:,} events {where}: built and rendered in {time.perf_counter() - t:.2f} s, "
            f"{len(html.encode()) / 1e6:.1f} MB of HTML"
            + (f"; opens in headless Chromium in {opened:.2f} s" if opened is not None else "")
        )
        if places is None:
            t = time.perf_counter()
            build_timeline(table).to_dict()  # type: ignore[arg-type]
            print(f"timeline, {n:,} events: {time.perf_counter() - t:.2f} s")
    import tempfile

    from explorer.export import write_briefing

    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000):
            t = time.perf_counter()
            path = write_briefing(make_events(n), Path(tmp) / "b.html")  # type: ignore[arg-type]
            print(
                f"briefing, {n:,} events: {time.perf_counter() - t:.2f} s, "
                f"{path.stat().st_size / 1e6:.2f} MB, self-contained (target <= 3 MB at 1,000)"
            )
    big = make_events(100_000)
    cases = {
        "date range": Criteria(start=dt.date(2015, 1, 1), end=dt.date(2015, 6, 30)),
        "countries + category": Criteria(countries=["IQ", "SY"], categories=["military"]),
        "text search": Criteria(text="place 12"),
        "everything": Criteria(
            start=dt.date(2015, 1, 1),
            end=dt.date(2016, 12, 31),
            countries=["IQ"],
            categories=["military"],
            text="troops",
            min_confidence=0.2,
        ),
    }
    from explorer.views.panel import Explorer

    _panel_redraw()
    panel = Explorer(big)  # type: ignore[arg-type]
    times = []
    for countries in [("IQ",), ("IQ", "SY"), ("SY",), ("TR", "JO"), ()]:
        t = time.perf_counter()
        panel.countries.value = countries  # filter, count and table; the map follows debounced
        times.append(time.perf_counter() - t)
    print(
        f"Explorer panel, 100,000 events: filter + count + table update "
        f"{statistics.median(times) * 1000:.0f} ms median (target < 200 ms)"
    )
    for label, criteria in cases.items():
        times = []
        for _ in range(5):
            t = time.perf_counter()
            big.filter(criteria)  # type: ignore[attr-defined]
            times.append(time.perf_counter() - t)
        print(
            f"filter 100,000 events ({label}): {statistics.median(times) * 1000:.0f} ms median"
            " (target < 200 ms)"
        )


if __name__ == "__main__":
    main()
