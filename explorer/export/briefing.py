"""One-file briefings: title, period, figures, map, timeline, key events and sources.

The file is self-contained: the map (an altair map over country outlines) and the timeline are
drawn by Vega, whose code is inlined once (from vl-convert-python); no tile server, no CDN. It
opens from a USB stick with the network off. Every piece of article text is escaped: in HTML
with ``html.escape``, in the charts' JSON with ``<`` written as ``\\u003c``.

A DuckDB-backed table (:class:`explorer.scale.ParquetEvents`, a million events) works too: the
figures, key events and sources are SQL, the map shows the 3,000 busiest places and the
timeline counts per day, week or month.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.events.filter import Criteria, filter_events
from explorer.events.table import EventTable
from explorer.files import atomic_write_text
from explorer.views.overview import overview_map, places_map
from explorer.views.popup import date_label, safe_url
from explorer.views.timeline import build_timeline

if TYPE_CHECKING:
    from explorer.scale.duck import ParquetEvents

__all__ = ["briefing_html", "write_briefing"]

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:.2em 0}.period{color:#555;margin:0 0 1em}
.figures{display:flex;gap:12px;flex-wrap:wrap;margin:1em 0}
.figures div{background:#f3f5f8;border-radius:6px;padding:8px 14px;min-width:110px}
.figures b{display:block;font-size:1.6em}
.chart{margin:1em 0}.chart svg{max-width:100%;height:auto}
ol.events li{margin:.5em 0}.events .when{color:#555;font-size:.9em}
.events .where{font-weight:600}.sources li{margin:.2em 0}
footer{color:#777;font-size:.85em;margin-top:2em}
@page{size:auto;margin:14mm}
@media print{main{padding:0;max-width:none}.charts{page-break-after:always}
  .chart{margin:.3em 0}a{color:inherit;text-decoration:none}
  .figures div{background:none;border:1px solid #ccc}}
"""


@lru_cache(maxsize=1)
def _vega_bundle() -> str:
    from explorer.views.bundle import javascript_bundle

    return javascript_bundle(None)  # None: the default snippet (cached on disk)


def _spec_json(chart: Any) -> str:
    # "<" as \\u003c: nothing in the data can close the <script> element
    return json.dumps(chart.to_dict(), ensure_ascii=False).replace("<", "\\u003c")


def _period(table: Any, start: dt.date | None, end: dt.date | None) -> str:
    if isinstance(table, EventTable):
        df = table.df
        first = df["start_date"].min().date() if df["start_date"].notna().any() else None
        last = df["end_date"].max().date() if df["end_date"].notna().any() else None
    else:
        first, last = table.date_range()
    lo, hi = start or first, end or last
    if lo is None and hi is None:
        return "undated"
    return f"{lo.isoformat() if lo else '…'} to {hi.isoformat() if hi else '…'}"


def _key_events(table: EventTable, n: int) -> list[dict[str, Any]]:
    df = table.df.copy()
    df["score"] = df["place_confidence"].fillna(0) + df["date_confidence"].fillna(0)
    df = df.sort_values(["score", "start_date"], ascending=[False, True])
    df = df.drop_duplicates(subset=["sentence"]).head(n)
    df = df.sort_values("start_date", na_position="last")
    return list(EventTable(df.drop(columns=["score"])).records())


def _sources(table: EventTable) -> list[tuple[str, str | None, int]]:
    df = table.df
    counts = df.groupby([df["source"].fillna("unknown"), df["url"].fillna("")], dropna=False).size()
    out = [(str(s), (str(u) or None), int(c)) for (s, u), c in counts.items()]
    return sorted(out, key=lambda t: (-t[2], t[0]))[:60]


def _parts(chosen: Any, key_events: int) -> tuple[dict[str, int], Any, Any, list[Any], list[Any]]:
    """Figures, map, timeline, key events and sources: pandas, or SQL for a DuckDB table."""
    timeline = build_timeline(chosen, lanes="country", width=820, brush=False)
    if isinstance(chosen, EventTable):
        df = chosen.df
        figures = {
            "events": len(df),
            "places": df["place_name"].nunique(),
            "countries": df["country_code"].nunique(),
            "sources": df["source"].nunique(),
        }
        map_chart = overview_map(chosen, width=900, height=420)
        return figures, map_chart, timeline, _key_events(chosen, key_events), _sources(chosen)
    map_chart = places_map(chosen.place_counts(limit=3000), width=900, height=420)
    keys = list(chosen.key_events(key_events).records())
    return chosen.figures(), map_chart, timeline, keys, chosen.sources(60)


def briefing_html(
    table: EventTable | ParquetEvents,
    *,
    title: str = "Briefing",
    start: dt.date | None = None,
    end: dt.date | None = None,
    countries: Collection[str] = (),
    categories: Collection[str] = (),
    key_events: int = 15,
) -> str:
    """The briefing as one HTML string (the events of ``table`` within the given filters)."""
    criteria = Criteria(start=start, end=end, countries=tuple(countries),
                        categories=tuple(categories),
                        include_undated=start is None and end is None)  # fmt: skip
    if isinstance(table, EventTable):
        chosen: Any = filter_events(table, criteria)
    else:
        chosen = table.filter(criteria)
    esc = html.escape
    figures, map_chart, timeline, keys, sources = _parts(chosen, key_events)
    events_html = []
    for r in keys:
        url = safe_url(r.get("url"))
        source = esc(str(r.get("source") or ""))
        if url:
            link = f' · <a href="{url}">{source or "source"}</a>'
        else:
            link = f" · {source}" if source else ""
        where = esc(str(r.get("place_name") or r.get("place_text") or "unplaced"))
        events_html.append(
            f'<li><span class="when">{esc(date_label(r))}</span> — '
            f'<span class="where">{where}</span>'
            f"<br>{esc(str(r.get('sentence') or ''))}{link}</li>"
        )
    sources_html = []
    for source_name, source_url, count in sources:
        href = safe_url(source_url)
        label = esc(source_name)
        item = f'<a href="{href}">{label}</a>' if href else label
        sources_html.append(f"<li>{item} ({count})</li>")
    figure_html = "".join(f"<div><b>{v:,}</b>{esc(k)}</div>" for k, v in figures.items())
    generated = dt.date.today().isoformat()
    bundle = _vega_bundle().replace("</script", "<\\/script")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title><style>{_CSS}</style>
<script>{bundle}</script>
</head><body><main>
<h1>{esc(title)}</h1>
<p class="period">{esc(_period(chosen, start, end))}</p>
<section class="figures">{figure_html}</section>
<section class="charts">
<div class="chart" id="map"></div>
<div class="chart" id="timeline"></div>
</section>
<section><h2>Key events</h2><ol class="events">{"".join(events_html)}</ol></section>
<section><h2>Sources</h2><ul class="sources">{"".join(sources_html)}</ul></section>
<footer>Made with Explorer on {generated}.
Map data: GeoNames (CC BY 4.0), countryinfo outlines.</footer>
</main>
<script>
const opts = {{renderer: "svg", actions: false}};
vegaEmbed("#map", {_spec_json(map_chart)}, opts).catch(console.error);
vegaEmbed("#timeline", {_spec_json(timeline)}, opts).catch(console.error);
</script>
</body></html>
"""


def write_briefing(table: EventTable | ParquetEvents, path: str | Path, **options: Any) -> Path:
    """Write :func:`briefing_html` to ``path`` (atomically)."""
    p = Path(path)
    atomic_write_text(p, briefing_html(table, **options))
    return p
