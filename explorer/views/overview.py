"""An overview map as an altair chart: country outlines, events as points, movements as lines.

Unlike the folium map it needs no tiles and no Leaflet: saved with Vega inlined
(``chart.save(path, inline=True)``, via vl-convert-python) it opens with the network off.
Used by ``make demo`` and for briefings.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from explorer.events.table import EventTable
from explorer.scale.aggregate import PlaceCount
from explorer.views.map import CATEGORY_COLORS
from explorer.views.outlines import country_outlines
from explorer.views.popup import script_safe

__all__ = ["overview_map", "places_map"]


def _bounds(df: pd.DataFrame) -> dict[str, Any]:
    lat0, lat1 = df["latitude"].min(), df["latitude"].max()
    lon0, lon1 = df["longitude"].min(), df["longitude"].max()
    pad_lat = max(4.0, (lat1 - lat0) * 0.15)
    pad_lon = max(6.0, (lon1 - lon0) * 0.15)
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "Polygon",
            # clockwise, as d3-geo wants an exterior ring (else it means the rest of the globe)
            "coordinates": [
                [
                    [lon0 - pad_lon, lat0 - pad_lat],
                    [lon0 - pad_lon, lat1 + pad_lat],
                    [lon1 + pad_lon, lat1 + pad_lat],
                    [lon1 + pad_lon, lat0 - pad_lat],
                    [lon0 - pad_lon, lat0 - pad_lat],
                ]
            ],
        },
    }


MAX_PLACES = 3000  # dots: the busiest places (altair embeds at most 5,000 rows per dataset)
MAX_ROUTES = 1000  # movement lines: the busiest routes


def overview_map(
    table: EventTable,
    *,
    width: int = 760,
    height: int = 460,
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
    return _chart(points, _movements, df, width=width, height=height, title=title)


def places_map(
    places: list[PlaceCount], *, width: int = 760, height: int = 460, title: str | None = None
) -> alt.LayerChart:
    """The same map from counts per place (e.g. the busiest places of a DuckDB-backed table)."""
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
    return _chart(points, None, None, width=width, height=height, title=title)


def _chart(
    points: pd.DataFrame,
    movements: Any,
    df: pd.DataFrame | None,
    *,
    width: int,
    height: int,
    title: str | None,
) -> alt.LayerChart:
    projection: dict[str, Any] = {"type": "equalEarth"}
    if len(points):
        projection["fit"] = {"type": "FeatureCollection", "features": [_bounds(points)]}
    outlines = alt.Data(values=country_outlines()["features"])
    base = (
        alt.Chart(outlines)
        .mark_geoshape(fill="#f2efe9", stroke="#9a9a9a", strokeWidth=0.5, clip=True)
        .project(**projection)
    )
    used = [c for c in CATEGORY_COLORS if c in set(points["category"])]
    dots = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="white", strokeWidth=0.5, clip=True)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("events:Q", title="Events", scale=alt.Scale(range=[40, 900])),
            color=alt.Color(
                "category:N",
                title="Category",
                scale=alt.Scale(domain=used, range=[CATEGORY_COLORS[c] for c in used]),
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
    layers: list[Any] = [base, moves, dots]
    chart = alt.layer(*[layer for layer in layers if layer is not None]).properties(
        width=width, height=height, background="#cfe3f1"
    )
    if title:
        chart = chart.properties(title=title)
    return chart  # type: ignore[return-value]


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
