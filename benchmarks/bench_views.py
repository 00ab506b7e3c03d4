"""Map build time, HTML size and the time a browser takes to open it, timeline build, briefing
size, filter latency, and what the Explorer panel sends per map redraw, on synthetic event
tables.

The panel's live map (explorer/views/mapwidget.py) sends only the markers of a view; it used to
send the whole offline folium page. At 16,746 events, each at its own point (2 cores, shared):
0.39 s and 1.43 MB per redraw, was 4.52 s and 13.0 MB.

The incident map (explorer/views/incidents_map.py) on synthetic incidents and their reports
(:func:`make_incidents`): the page's size, and the time to build it and to open a popup.

.venv/bin/python benchmarks/bench_views.py
.venv/bin/python benchmarks/bench_views.py --incidents 20000    # the incident map only
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_events

# (events, places): None puts every event at a point of its own (the worst case); geocoded news
# puts the events of a town on its coordinates
MAPS = [(1_000, None), (10_000, None), (50_000, None), (50_000, 5_000), (100_000, 5_000)]


@contextmanager
def _browser_tab(page: str, name: str) -> Iterator[Any]:
    """A headless Chromium tab (network blocked) with ``page`` saved as ``name``, the page's
    file URI beside it; ``None`` without Chromium or playwright."""
    import shutil
    import tempfile

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        yield None
        return
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / name
        path.write_text(page, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1200, "height": 800})
        tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else r.abort())  # fmt: skip
        try:
            yield tab, path.as_uri()
        finally:
            browser.close()


def _open_in_browser(page: str) -> float | None:
    """Seconds until headless Chromium shows the map's markers (None without Chromium)."""
    with _browser_tab(page, "map.html") as opened:
        if opened is None:
            return None
        tab, uri = opened
        t = time.perf_counter()
        tab.goto(uri, wait_until="load", timeout=300_000)
        tab.wait_for_selector(".marker-cluster, path.leaflet-interactive", timeout=300_000)
        return time.perf_counter() - t


LABELS = [("shooting", "crime"), ("robbery", "crime"), ("fire", "disaster"), ("crash", "accident"),
          ("protest", "protest"), ("flood", "disaster"), ("stabbing", "crime")]  # fmt: skip
STREETS = ["Main Street", "Oak Avenue", "Elm Street", "Lake Road", "Park Avenue", "Hill Drive",
           "River Road", "Church Street", "Maple Avenue", "Pine Street"]  # fmt: skip


def make_incidents(n: int, seed: int = 1) -> tuple[Any, Any]:
    """``n`` synthetic incidents and the events table of their reports (made up here).

    Incidents in 2,000 towns of 50 states over four years, each told by 1-5 reports (as in
    benchmarks/bench_incidents.py), one in a hundred by 20-60; each report is an article of one
    of 300 outlets with a headline (several reports of an incident share some), a URL, a
    publication date and the evidence sentence (its own), plus two other sentences of the
    article that are events but no incident's evidence."""
    from explorer.events import EventTable
    from explorer.incidents.table import IncidentTable

    rng = random.Random(seed)
    towns = [(f"Town {k}", f"S{k % 50:02d}", rng.uniform(26, 48), rng.uniform(-123, -70))
             for k in range(2000)]  # fmt: skip
    outlets = [f"Outlet {k} News" for k in range(300)]
    day0 = dt.date(2014, 1, 1).toordinal()
    incidents, events = [], []
    article = 0
    for i in range(n):
        town, state, lat, lon = rng.choice(towns)
        label, category = rng.choice(LABELS)
        day = dt.date.fromordinal(day0 + rng.randrange(4 * 365))
        street = rng.choice(STREETS)
        reports = rng.choice((1, 1, 2, 2, 3, 5)) if rng.random() > 0.01 else rng.randint(20, 60)
        killed, injured = rng.choice((0, 0, 0, 1, 2)), rng.choice((0, 0, 1, 2, 3))
        heads = [f"{label.capitalize()} on {street} in {town} leaves {killed} dead",
                 f"Police investigate {label} in {town}",
                 f"{town} {label}: what we know"]  # fmt: skip
        ids, sources, event_ids = [], [], []
        for r in range(reports):
            a = f"art{article:07d}"
            article += 1
            outlet = rng.choice(outlets)
            published = day + dt.timedelta(days=min(r, 3))
            base = {"article_id": a, "source": outlet, "published": published,
                    "title": heads[r % 3] if r < 6 else f"{heads[r % 3]} ({r})",
                    "url": f"https://outlet{outlets.index(outlet)}.example/news/"
                           f"{published:%Y/%m/%d}/{label}-{town.lower().replace(' ', '-')}-{a}",
                    "place_name": town, "country_code": "US", "latitude": lat,
                    "longitude": lon, "start_date": day, "end_date": day,
                    "categories": (category,)}  # fmt: skip
            sentences = [
                f"A {label} on {street} in {town} on {day:%A} left {killed} people dead and "
                f"{injured} injured, police said in report {a}.",
                f"Officers were called to the {rng.randint(100, 9999)} block of {street} "
                f"shortly after {rng.randint(1, 11)} p.m.",
                f"Anyone with information is asked to call the {town} police department.",
            ]
            for k, sentence in enumerate(sentences):
                events.append({**base, "event_id": f"{a}:{k}", "sentence": sentence})
            ids.append(a)
            event_ids.append(f"{a}:0")
            if outlet not in sources:
                sources.append(outlet)
        incidents.append(
            {
                "incident_id": f"inc{i:06d}",
                "label": label,
                "category": category,
                "status": "happened",
                "place_name": town,
                "place_key": f"t:{town}",
                "latitude": lat + rng.uniform(-0.03, 0.03),
                "longitude": lon + rng.uniform(-0.03, 0.03),
                "country_code": "US",
                "admin1": state,
                "place_precision": "town",
                "start": day,
                "end": day,
                "date_precision": "day",
                "killed": killed,
                "injured": injured,
                "confidence": round(rng.uniform(0.3, 0.99), 2),
                "reports": reports,
                "first_reported": day,
                "sources": tuple(sources),
                "article_ids": tuple(ids),
                "event_ids": tuple(event_ids),
            }
        )
    return IncidentTable.from_records(incidents), EventTable.from_records(events)


def _popup_seconds(page: str) -> tuple[float, float] | None:
    """Seconds until headless Chromium (network blocked) shows the incident map's markers, and
    to build one popup (the mean over all of them; None without Chromium)."""
    with _browser_tab(page, "incidents.html") as opened:
        if opened is None:
            return None
        tab, uri = opened
        t = time.perf_counter()
        tab.goto(uri, wait_until="load", timeout=300_000)
        tab.wait_for_selector(".explorer-cluster", timeout=120_000)
        seconds = time.perf_counter() - t
        # what opening a popup costs: every incident's popup built from the page data
        popup = tab.evaluate(
            """() => {
                const all = explorerData.incidents, t = performance.now();
                let nodes = 0;
                for (const d of all) { nodes += explorerIncidentPopup(d).childNodes.length; }
                return (performance.now() - t) / 1000 / all.length;
            }"""
        )
        return seconds, popup


def _incident_map_case(n: int, browser: bool = True) -> None:
    """The incident map of ``n`` synthetic incidents: build time, page size, opening time."""
    from explorer.views.incidents_map import incident_map

    incidents, events = make_incidents(n)
    t = time.perf_counter()
    page = incident_map(incidents, events).get_root().render()
    built = time.perf_counter() - t
    size = len(page.encode())
    reports = int(incidents.df["reports"].sum())
    line = (
        f"incident map, {n:,} incidents ({reports:,} reports, {len(events):,} events): built "
        f"and rendered in {built:.2f} s, {size / 1e6:.1f} MB of HTML"
    )
    shown = _popup_seconds(page) if browser else None
    if shown is not None:
        line += (
            f"; opens in headless Chromium in {shown[0]:.2f} s, a popup is built in "
            f"{shown[1] * 1000:.2f} ms"
        )
    print(line, flush=True)


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--incidents", type=int, help="only the incident map of N incidents")
    parser.add_argument("--no-browser", action="store_true", help="do not open the pages")
    args = parser.parse_args()
    if args.incidents:
        _incident_map_case(args.incidents, browser=not args.no_browser)
        return
    _incident_map_case(20_000)
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
