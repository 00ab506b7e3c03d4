"""Movements are counted by origin and destination, capped, and toggled from the layer list."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from explorer.events import EventTable
from explorer.views.map import build_map
from explorer.views.save import save_map

TOWNS = {"Mosul": (36.34, 43.12), "Erbil": (36.19, 44.01), "Baghdad": (33.31, 44.36),
         "Basra": (30.51, 47.78), "Kirkuk": (35.47, 44.39)}  # fmt: skip


def moves(pairs: list[tuple[str, str, int]]) -> EventTable:
    rows: list[dict[str, Any]] = []
    for a, b, n in pairs:
        for i in range(n):
            origin = f"{a}-{b}-{i}-o"
            rows.append({"event_id": origin, "place_name": a, "latitude": TOWNS[a][0],
                         "longitude": TOWNS[a][1]})  # fmt: skip
            rows.append({"event_id": f"{a}-{b}-{i}-d", "place_name": b, "place_text": b,
                         "latitude": TOWNS[b][0], "longitude": TOWNS[b][1],
                         "origin_event_id": origin})  # fmt: skip
    return EventTable.from_records(rows)


def pairs_of(html: str) -> list[list[Any]]:
    found = re.search(r"var pairs = (.*?), group = ", html, re.S)
    assert found is not None
    data: list[list[Any]] = json.loads(found.group(1))
    return data


def test_movements_are_counted_by_origin_and_destination() -> None:
    html = build_map(moves([("Mosul", "Erbil", 40), ("Baghdad", "Basra", 3)])).get_root().render()
    pairs = pairs_of(html)
    assert sorted(p[4] for p in pairs) == [3, 40]  # two lines, not 43
    assert "Movements (43)" in html


def test_the_busiest_pairs_are_drawn_and_the_layer_says_how_many(monkeypatch) -> None:
    from explorer.views import map as map_module

    monkeypatch.setattr(map_module, "MOVEMENT_LIMIT", 2)
    table = moves([("Mosul", "Erbil", 5), ("Baghdad", "Basra", 3), ("Kirkuk", "Mosul", 1)])
    fmap = map_module.build_map(table)
    html = fmap.get_root().render()
    assert sorted(p[4] for p in pairs_of(html)) == [3, 5]
    assert "Movements (8 of 9)" in html


@pytest.mark.browser
def test_movements_toggle_off_from_the_layer_list(tmp_path: Path, offline_page: Any) -> None:
    path = tmp_path / "moves.html"
    save_map(build_map(moves([("Mosul", "Erbil", 4), ("Baghdad", "Basra", 2)])), path)
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-layers", timeout=20_000)
    dashed = "path.leaflet-interactive[stroke-dasharray]"
    assert page.locator(dashed).count() == 2
    page.locator(".leaflet-control-layers").hover()
    page.get_by_text("Movements (6)").click()
    assert page.locator(dashed).count() == 0
    assert offline_page.errors == [] and offline_page.requests == []
