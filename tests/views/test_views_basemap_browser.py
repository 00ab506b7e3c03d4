"""The offline basemap: land drawn over the whole view at first paint and after every zoom, and
place labels (countries at low zoom, towns as the map zooms in), in headless Chromium with the
network blocked; and, without a browser, what the page carries."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

import folium
import pytest

from explorer.errors import ConfigurationError
from explorer.events import EventTable
from explorer.views.basemap import BASEMAP_CSS, BASEMAP_JS, add_country_basemap
from explorer.views.labels import COUNTRY, TOWN, map_labels, town_zoom
from explorer.views.map import build_map
from explorer.views.offline import offline_map_html
from explorer.views.outlines import country_outlines, packed_outlines
from explorer.views.save import save_map

LAND, SEA = (0xF2, 0xEF, 0xE9), (0xCF, 0xE3, 0xF1)
# the 2022 floods: Sindh (Karachi, Hyderabad) and Bengal (Dhaka, Kolkata)
SPOTS = [("Karachi", 24.86, 67.01), ("Hyderabad", 25.39, 68.37), ("Dhaka", 23.81, 90.41),
         ("Kolkata", 22.57, 88.36)]  # fmt: skip
MAP = "Object.values(window).find(v => v instanceof L.Map)"


def floods() -> EventTable:
    day = dt.date(2022, 8, 25)
    return EventTable.from_records(
        [{"event_id": f"e{i}", "place_name": name, "latitude": lat, "longitude": lon,
          "start_date": day, "end_date": day, "categories": ("humanitarian",)}
         for i, (name, lat, lon) in enumerate(SPOTS)]
    )  # fmt: skip


# --- where the outlines say there is land, as Leaflet projects it (spherical Mercator)


def _y(lat: float) -> float:
    lat = max(min(lat, 85.0511), -85.0511)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _projected() -> list[list[list[tuple[float, float]]]]:
    return [
        [[(math.radians(lon), _y(lat)) for lon, lat in ring] for ring in polygon]
        for feature in country_outlines()["features"]
        for polygon in feature["geometry"]["coordinates"]
    ]


def on_land(lat: float, lon: float, polygons: list[list[list[tuple[float, float]]]]) -> bool:
    x, y = math.radians(lon), _y(lat)
    return any(
        _inside(x, y, polygon[0]) and not any(_inside(x, y, hole) for hole in polygon[1:])
        for polygon in polygons
    )


def _colour(pixel: tuple[int, ...]) -> str:
    for name, ref in (("land", LAND), ("sea", SEA)):
        if sum(abs(a - b) for a, b in zip(pixel[:3], ref, strict=True)) <= 12:
            return name
    return "other"  # a border, a marker, a label, a control


def settle(page: Any) -> None:
    """Wait until the map has stopped moving and two frames have been painted."""
    page.wait_for_function(f"() => {{ var m = {MAP}; return m && !m._animatingZoom; }}")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def move(page: Any, action: Any) -> None:
    """Do ``action`` (a function of the page) and wait for the move it starts to end."""
    page.evaluate(f"() => {{ window.moved = false; {MAP}.once('moveend', () => moved = true); }}")
    action(page)
    page.wait_for_function("() => window.moved")
    settle(page)


def land_check(page: Any, polygons: Any) -> dict[str, int]:
    """Screenshot pixels on a 24 x 16 grid over the view against the outlines: how many show
    land or sea where they should, how many the other, and how many something else."""
    from PIL import Image

    size = page.viewport_size
    grid = [(int((i + 0.5) * size["width"] / 24), int((j + 0.5) * size["height"] / 16))
            for i in range(24) for j in range(16)]  # fmt: skip
    points = page.evaluate(
        f"g => {{ var m = {MAP}; return g.map(p => {{ var ll = m.containerPointToLatLng("
        "[p[0] + 0.5, p[1] + 0.5]); return [ll.lat, ll.lng]; }); }",
        grid,
    )
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    counts = {"right": 0, "wrong": 0, "other": 0, "land": 0, "sea": 0}
    for (x, y), (lat, lon) in zip(grid, points, strict=True):
        seen = _colour(shot.getpixel((x, y)))
        expected = "land" if on_land(lat, lon, polygons) else "sea"
        counts[expected] += 1
        counts["other" if seen == "other" else "right" if seen == expected else "wrong"] += 1
    return counts


def labels(page: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"country": [], "town": []}
    for kind in out:
        out[kind] = page.locator(f".explorer-label-{kind}").all_inner_texts()
    return out


def overlapping(page: Any) -> int:
    return int(
        page.evaluate(
            """() => {
            var r = [...document.querySelectorAll('.explorer-label')]
                .map(e => e.getBoundingClientRect()), n = 0;
            for (var i = 0; i < r.length; i++) for (var j = i + 1; j < r.length; j++)
                if (r[i].left < r[j].right && r[j].left < r[i].right &&
                    r[i].top < r[j].bottom && r[j].top < r[i].bottom) n++;
            return n; }"""
        )
    )


def zoom_with_button(page: Any, button: str, times: int) -> None:
    for _ in range(times):
        move(page, lambda p: p.locator(f".leaflet-control-zoom-{button}").click())


@pytest.mark.browser
def test_a_regional_map_shows_land_everywhere_and_labels_as_it_zooms(
    tmp_path: Path, offline_page: Any
) -> None:
    path = tmp_path / "floods.html"
    save_map(build_map(floods()), path)
    polygons = _projected()
    page = offline_page.page
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_function(  # the view fitted to the four towns (an animated zoom)
        f"() => {{ var m = window.L && {MAP}; return m && !m._animatingZoom && "
        "m.getBounds().contains([[22.57, 67.01], [25.39, 90.41]]) && m.getZoom() > 4; }",
        timeout=20_000,
    )
    settle(page)
    first_zoom = page.evaluate(f"() => {MAP}.getZoom()")
    assert first_zoom >= 5  # fit to the four towns, not the world view

    def land_everywhere(where: str) -> None:
        counts = land_check(page, polygons)
        assert counts["wrong"] <= 2, (where, counts)  # was ~170 of 384 at first paint
        assert counts["other"] <= 60, (where, counts)
        assert counts["land"] >= 40, (where, counts)

    land_everywhere("first paint")
    shown = labels(page)
    assert {"Karachi", "Dhaka", "Kolkata"} <= set(shown["town"])
    assert {"PAKISTAN", "INDIA"} <= set(shown["country"])
    assert overlapping(page) == 0

    zoom_with_button(page, "in", 1)  # the user's first zoom
    land_everywhere("zoomed in once")
    zoom_with_button(page, "out", 4)  # a continent: country names only
    assert page.evaluate(f"() => {MAP}.getZoom()") == first_zoom - 3 <= 3
    land_everywhere("zoomed out")
    shown = labels(page)
    assert shown["town"] == []
    assert {"INDIA", "CHINA", "PAKISTAN"} <= set(shown["country"])
    assert overlapping(page) == 0

    move(page, lambda p: p.evaluate(f"() => {{ {MAP}.setView([25.39, 68.37], 9); }}"))  # Hyderabad
    land_everywhere("zoom 9")
    small = {t.name for t in map_labels((20, 64, 28, 93)) if t.kind == TOWN and t.min_zoom >= 8}
    shown = labels(page)
    assert small & set(shown["town"]), shown  # towns too small to name at zoom 6
    assert overlapping(page) == 0
    assert offline_page.errors == [] and offline_page.requests == []


@pytest.mark.browser
def test_a_plain_folium_map_with_the_country_basemap(tmp_path: Path, offline_page: Any) -> None:
    """add_country_basemap on a folium map that opens on a region by its own fit_bounds."""
    fmap = folium.Map(location=(30, 20), zoom_start=2, tiles=None)
    add_country_basemap(fmap)
    fmap.fit_bounds([[22.5, 67.0], [25.5, 90.5]])
    path = tmp_path / "plain.html"
    path.write_text(offline_map_html(fmap), encoding="utf-8")
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(path.as_uri())
    page.wait_for_function(
        f"() => {{ var m = window.L && {MAP}; return m && !m._animatingZoom && m.getZoom() > 4; }}",
        timeout=20_000,
    )
    settle(page)
    counts = land_check(page, _projected())
    assert counts["wrong"] <= 2 and counts["other"] <= 60 and counts["land"] >= 40, counts
    assert {"Karachi", "Kolkata"} <= set(labels(page)["town"])
    assert offline_page.errors == [] and offline_page.requests == []


# --- without a browser


def test_the_page_carries_names_as_page_texts_only() -> None:
    html = offline_map_html(build_map(floods()))
    script = html[html.index("function explorerBasemap") :]
    texts = re.search(r'<script type="application/json" id="explorer-texts">(.*?)</script>', html)
    assert texts is not None and '"Karachi"' in texts.group(1) and '"Pakistan"' in texts.group(1)
    assert "Karachi" not in script.split("explorer-texts")[0]
    call = re.search(r"explorerBasemap\(map_\w+,\s*(\{.*?\})\);", html, re.S)
    assert call is not None and re.fullmatch(r'[\[\]{},:\-0-9."#a-z]*', call.group(1))
    for static in (BASEMAP_JS, BASEMAP_CSS):  # compiled again as a template by branca
        assert not any(mark in static for mark in ("{{", "{%", "{#"))


def test_labels_come_most_important_first() -> None:
    world = map_labels()
    kinds = [label.kind for label in world]
    assert kinds == sorted(kinds) and kinds.count(COUNTRY) > 200
    towns = [t for t in world if t.kind == TOWN]
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)
    assert [t.min_zoom for t in towns] == sorted(t.min_zoom for t in towns)
    regional = map_labels((19.5, 64.0, 28.4, 93.4))
    assert len(regional) > len(world)  # smaller towns of the region
    assert {label.name for label in map_labels(towns=False)} == {
        label.name for label in world if label.kind == COUNTRY
    }
    first = {t.name: t.min_zoom for t in towns}
    assert first["Shanghai"] == first["Karachi"] == 4 < town_zoom(300_000) < town_zoom(50_000)


def test_the_basemap_adds_a_few_hundred_kilobytes_at_most() -> None:
    def size(**options: Any) -> int:
        fmap = folium.Map(tiles=None)
        add_country_basemap(fmap, **options)
        return len(offline_map_html(fmap).encode())

    empty = len(offline_map_html(folium.Map(tiles=None)).encode())
    outlines, everything = size(labels=False) - empty, size() - empty
    assert outlines < 80_000  # packed: numbers only, steps of 0.1 degree
    assert everything - outlines < 250_000
    assert sum(len(r) for c in packed_outlines() for p in c for r in p) > 15_000


@pytest.mark.parametrize("colour", ["red;}</style>", "{{7*7}}", ""])
def test_colours_are_checked(colour: str) -> None:
    with pytest.raises(ConfigurationError, match="not a colour"):
        add_country_basemap(folium.Map(tiles=None), land=colour)
