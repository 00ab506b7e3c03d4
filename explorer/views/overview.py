"""An overview map as an altair chart: country outlines, events as points, movements as lines.

Unlike the folium map it needs no tiles and no Leaflet: saved with Vega inlined
(``chart.save(path, inline=True)``, via vl-convert-python) it opens with the network off.
Used by ``make demo`` and for briefings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from explorer.events.table import EventTable
from explorer.scale.aggregate import PlaceCount
from explorer.views.mapframe import Frame, country_labels, frame, town_labels
from explorer.views.mapstyle import category_scale
from explorer.views.outlines import country_outlines
from explorer.views.popup import script_safe

__all__ = ["overview_map", "places_map"]


MAX_PLACES = 3000  # dots: the busiest places (altair embeds at most 5,000 rows per dataset)
MAX_ROUTES = 1000  # movement lines: the busiest routes


def overview_map(
    table: EventTable,
    *,
    width: int | str = 760,
    height: int | str = 460,
    title: str | None = None,
    max_places: int = MAX_PLACES,
) -> alt.LayerChart:
    """Events with coordinates on country outlines; size by number of events at a place.

    At most ``max_places`` dots (the places with the most events) and :data:`MAX_ROUTES`
    movement lines, so that any table draws (altair refuses datasets over 5,000 rows)."""
    df = table.df
    placed = df[df["latitude"].notna()].copy()
    placed["category"] = placed["categories"].map(lambda c: c[0] if c else "other")
    points = (
        placed.groupby(["place_name", "latitude", "longitude", "category"], dropna=False)
        .agg(
            events=("event_id", "size"),
            first=("start_date", "min"),
            last=("end_date", "max"),
            example=("sentence", "first"),
        )
        .reset_index()
    )
    if len(points) > max_places:
        points = points.nlargest(max_places, "events", keep="first")
    points["example"] = script_safe(points["example"].astype(str).str.slice(0, 200))
    points["place_name"] = script_safe(points["place_name"].fillna("unresolved"))
    countries = [str(c) for c in df["country_code"].dropna().unique()]
    return _chart(points, _movements, df, width=width, height=height, title=title,
                  countries=countries)  # fmt: skip


def places_map(
    places: list[PlaceCount],
    *,
    width: int | str = 760,
    height: int | str = 460,
    title: str | None = None,
    countries: Sequence[str] = (),
) -> alt.LayerChart:
    """The same map from counts per place (e.g. the busiest places of a DuckDB-backed table);
    ``countries``: the codes of the countries to name (those with events)."""
    points = pd.DataFrame(
        {
            "place_name": [p.place_name for p in places],
            "latitude": [p.latitude for p in places],
            "longitude": [p.longitude for p in places],
            "category": [p.category for p in places],
            "events": [p.events for p in places],
            "first": pd.to_datetime([p.first for p in places]),
            "last": pd.to_datetime([p.last for p in places]),
            "example": [p.example for p in places],
        }
    )
    return _chart(points, None, None, width=width, height=height, title=title,
                  countries=list(countries))  # fmt: skip


def _chart(
    points: pd.DataFrame,
    movements: Any,
    df: pd.DataFrame | None,
    *,
    width: int | str,
    height: int | str,
    title: str | None,
    countries: list[str],
) -> alt.LayerChart:
    box = frame(points)
    projection: dict[str, Any] = {"type": "equalEarth"}
    if len(points):
        projection["fit"] = {"type": "FeatureCollection", "features": [box.feature()]}
    outlines = alt.Data(values=country_outlines()["features"])
    base = (
        alt.Chart(outlines)
        .mark_geoshape(fill="#f2efe9", stroke="#9a9a9a", strokeWidth=0.5, clip=True)
        .project(**projection)
    )
    used, colours = category_scale(set(points["category"]))
    dots = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="white", strokeWidth=0.5, clip=True)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=_size(points),
            color=alt.Color(
                "category:N",
                title="Category",
                scale=alt.Scale(domain=used, range=colours),
            ),
            tooltip=[
                alt.Tooltip("place_name:N", title="Place"),
                alt.Tooltip("events:Q", title="Events"),
                alt.Tooltip("first:T", title="First"),
                alt.Tooltip("last:T", title="Last"),
                alt.Tooltip("example:N", title="Evidence"),
            ],
        )
        .project(**projection)
    )
    moves = movements(df, projection) if movements is not None else None
    under, over = _country_names(countries, box, projection)
    layers: list[Any] = [base, under, moves, dots, *(over or []),
                         *_town_names(points, box, projection)]  # fmt: skip
    chart = alt.layer(*[layer for layer in layers if layer is not None]).properties(
        width=width, height=height, background="#cfe3f1"
    )
    if width == "container" or height == "container":
        chart = chart.properties(autosize=alt.AutoSizeParams(type="fit", contains="padding"))
    note = box.note()
    if title:
        chart = chart.properties(
            title=alt.TitleParams(
                title, subtitle=note or alt.Undefined, anchor="start", subtitleColor="#444"
            )
        )
    elif note:
        chart = chart.properties(
            title=alt.TitleParams(
                note, anchor="start", fontSize=12, fontWeight="normal", color="#444"
            )
        )
    return chart  # type: ignore[return-value]


def _size(points: pd.DataFrame) -> alt.Size:
    """Bubble area by events, from the fewest to the most there are (the legend starts at the
    smallest count drawn, not at 0)."""
    lo = int(points["events"].min()) if len(points) else 1
    hi = int(points["events"].max()) if len(points) else 1
    values = sorted({lo, hi, *(v for v in _nice_between(lo, hi))})
    return alt.Size(
        "events:Q",
        title="Events",
        scale=alt.Scale(domain=[lo, max(hi, lo + 1)], range=[40, 900], zero=False),
        legend=alt.Legend(values=values),
    )


def _nice_between(lo: int, hi: int) -> list[int]:
    """One or two round numbers strictly between lo and hi (1, 2, 5, 10, 20, 50, ...)."""
    nice = [m * 10**e for e in range(0, 8) for m in (1, 2, 5)]
    inside = [v for v in nice if lo < v < hi]
    if len(inside) <= 2:
        return inside
    return [inside[len(inside) // 3], inside[2 * len(inside) // 3]]


def _labels(frame_: pd.DataFrame, projection: dict[str, Any], **mark: Any) -> alt.Chart:
    return (
        alt.Chart(frame_)
        .mark_text(clip=True, **mark)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="label:N")
        .project(**projection)
    )


def _country_names(codes: list[str], box: Frame, projection: dict[str, Any]) -> list[Any]:
    """Two layers: other countries (light, under the events) and countries with events
    (darker, over them with a halo: the bubbles often sit on a country's middle)."""
    names = country_labels(codes, box)
    names["label"] = script_safe(names["label"])
    text = {"fontSize": 12, "fontWeight": "bold"}
    layers: list[Any] = [None, None]
    others = names[~names["events"].astype(bool)]
    if len(others):
        layers[0] = _labels(others, projection, color="#b5ad9f", **text)
    chosen = names[names["events"].astype(bool)]
    if len(chosen):
        halo = _labels(chosen, projection, stroke="#f2efe9", strokeWidth=3, strokeOpacity=0.8,
                       strokeJoin="round", **text)  # fmt: skip
        layers[1] = [halo, _labels(chosen, projection, color="#5f5849", **text)]
    return layers


def _town_names(points: pd.DataFrame, box: Frame, projection: dict[str, Any]) -> list[Any]:
    towns = town_labels(points, box)
    if towns.empty:
        return []
    towns["label"] = script_safe(towns["label"])
    text = {"fontSize": 11, "align": "left", "dx": 7, "dy": -7, "baseline": "bottom"}
    halo = _labels(towns, projection, stroke="white", strokeWidth=3, strokeOpacity=0.85,
                  strokeJoin="round", **text)  # fmt: skip
    return [halo, _labels(towns, projection, color="#222", **text)]


def _movements(df: pd.DataFrame, projection: dict[str, Any]) -> alt.Chart | None:
    """Lines from origin to destination, one per route (the busiest :data:`MAX_ROUTES`)."""
    moves = df.loc[
        df["origin_event_id"].notna() & df["latitude"].notna(),
        ["origin_event_id", "latitude", "longitude", "place_name"],
    ]
    if moves.empty:
        return None
    origins = df.drop_duplicates("event_id").set_index("event_id")[
        ["latitude", "longitude", "place_name"]
    ]
    joined = moves.merge(
        origins, left_on="origin_event_id", right_index=True, how="left", suffixes=("", "_from")
    )
    joined = joined[joined["latitude_from"].notna()]
    if joined.empty:
        return None
    keys = ["longitude_from", "latitude_from", "place_name_from", "longitude", "latitude",
            "place_name"]  # fmt: skip
    routes = joined.groupby(keys, dropna=False).size().reset_index(name="events")
    routes = routes.nlargest(MAX_ROUTES, "events", keep="first")
    rows = pd.DataFrame(
        {
            "lon": routes["longitude_from"],
            "lat": routes["latitude_from"],
            "lon2": routes["longitude"],
            "lat2": routes["latitude"],
            "route": routes["place_name_from"].astype(str)
            + " → "
            + routes["place_name"].astype(str),
        }
    )
    return (
        alt.Chart(rows)
        .mark_rule(strokeDash=[6, 4], strokeWidth=2, color="#333333", clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            longitude2="lon2:Q",
            latitude2="lat2:Q",
            tooltip=alt.Tooltip("route:N", title="Movement"),
        )
        .project(**projection)
    )
