"""The main job on the bundled data (``make demo``): ingest ``data/``, write the events table
and maps, and say where they are."""

from __future__ import annotations

import sys
from pathlib import Path

from explorer.errors import ExplorerError

__all__ = ["run_demo"]


def run_demo(data: Path, out: Path) -> dict[str, Path]:
    """Ingest ``data`` and write ``out/events.csv``, ``out/events.geojson``,
    ``out/events.incidents.csv`` (one row per incident), ``out/map.html`` (an overview map),
    ``out/explore.html`` (the interactive map of the events) and ``out/incidents.html`` (the
    map of the incidents, each with its reports); the pages open with the network off."""
    from explorer.corpus import ingest
    from explorer.files import cache_dir
    from explorer.incidents.table import incidents_path
    from explorer.views.incidents_map import incident_map
    from explorer.views.map import build_map
    from explorer.views.overview import overview_map
    from explorer.views.save import save_chart, save_map

    if not data.exists():
        raise ExplorerError(f"no data folder at {data}")
    result = ingest([data], cache_path=cache_dir() / "ingest-cache.sqlite", incidents=True)
    for item in [*result.report.skipped, *result.failed]:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "events": result.table.write(out / "events.csv"),
        "geojson": result.table.write(out / "events.geojson"),
    }
    if result.incidents is not None:
        paths["incidents"] = result.incidents.write(incidents_path(paths["events"]))
    chart = overview_map(
        result.table,
        title=f"Explorer: {len(result.table)} events from {data}",
        width="container",  # the map fills the browser window
        height="container",
    )
    paths["map"] = out / "map.html"
    save_chart(chart, paths["map"])
    paths["explore"] = out / "explore.html"
    save_map(build_map(result.table, time_slider=True, heatmap=True), paths["explore"])
    if result.incidents is not None:
        paths["incidents map"] = out / "incidents.html"
        save_map(incident_map(result.incidents, result.table), paths["incidents map"])
    print(result.summary())
    for name, path in paths.items():
        print(f"{name:13s} {path}")
    return paths
