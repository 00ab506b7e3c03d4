"""The main job on the bundled data (``make demo``): until event extraction lands, it finds the
places of each bundled article, geocodes them offline, and writes a table and an HTML map."""

from __future__ import annotations

import csv
import html
import sys
from pathlib import Path

from explorer.errors import ExplorerError
from explorer.ingest import read_text_article
from explorer.model import Article, PlaceMention

__all__ = ["run_demo"]


def _articles(data: Path) -> list[Article]:
    paths = sorted(p for p in data.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
    paths = [p for p in paths if p.name.lower() != "readme.md"]
    articles, skipped = [], 0
    for path in paths:
        try:
            articles.append(read_text_article(path))
        except ExplorerError as exc:
            skipped += 1
            print(f"skipped {exc}", file=sys.stderr)
    print(f"loaded {len(articles)} article(s) from {data}, skipped {skipped}")
    return articles


def _popup(article: Article, mention: PlaceMention) -> str:
    place = mention.place
    assert place is not None
    start = max(
        article.text.rfind("\n", 0, mention.start), article.text.rfind(". ", 0, mention.start)
    )
    end_candidates = [
        i
        for i in (article.text.find(". ", mention.end), article.text.find("\n", mention.end))
        if i >= 0
    ]
    end = min(end_candidates) + 1 if end_candidates else len(article.text)
    before = article.text[start + 1 : mention.start].lstrip(". ")
    after = article.text[mention.end : end]
    return (
        f"<b>{html.escape(place.label)}</b><br>"
        f"<i>{html.escape(article.title)}</i><br>"
        f"{html.escape(before)}<mark>{html.escape(mention.text)}</mark>{html.escape(after)}<br>"
        f"<small>{html.escape(mention.reason)}</small>"
    )


def run_demo(data: Path, out: Path) -> tuple[Path, Path]:
    """Write ``out/places.csv`` and ``out/map.html``; return their paths."""
    import folium

    from explorer.places import geoparse

    articles = _articles(data)
    out.mkdir(parents=True, exist_ok=True)
    table = out / "places.csv"
    fmap = folium.Map(location=(30, 20), zoom_start=2, tiles=None)
    points = []
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["article_id", "text", "start", "end", "name", "feature", "country_code", "admin1",
             "latitude", "longitude", "score", "demonym", "reason"]
        )  # fmt: skip
        for article in articles:
            for m in geoparse(article.text, published=article.published):
                p = m.place
                writer.writerow(
                    [article.id, m.text, m.start, m.end, p and p.name, p and p.feature,
                     p and p.country_code, p and p.admin1, p and p.latitude, p and p.longitude,
                     round(m.score, 3), m.demonym, m.reason]
                )  # fmt: skip
                if p is None:
                    continue
                points.append((p.latitude, p.longitude))
                folium.CircleMarker(
                    (p.latitude, p.longitude),
                    radius=7,
                    weight=1,
                    fill=True,
                    fill_opacity=0.7,
                    tooltip=html.escape(f"{m.text} → {p.label}"),
                    popup=folium.Popup(_popup(article, m), max_width=360),
                ).add_to(fmap)
    if points:
        fmap.fit_bounds(
            [[min(a for a, _ in points), min(b for _, b in points)],
             [max(a for a, _ in points), max(b for _, b in points)]]
        )  # fmt: skip
    map_path = out / "map.html"
    map_path.write_text(_map_html(fmap), encoding="utf-8")
    print(f"wrote {table} ({len(points)} resolved place mentions)")
    print(f"wrote {map_path}")
    return table, map_path


def _map_html(fmap: object) -> str:
    try:
        from explorer.views.offline import offline_map_html
    except ImportError:
        return str(fmap.get_root().render())  # type: ignore[attr-defined]
    return str(offline_map_html(fmap))
