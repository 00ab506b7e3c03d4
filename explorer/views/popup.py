"""HTML for map popups and tooltips. Every piece of article text is escaped here; the HTML
goes into the page as data (:mod:`explorer.views.pagedata`), never into a template."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

__all__ = [
    "GROUP_POPUPS",
    "date_label",
    "group_popup_html",
    "popup_html",
    "safe_url",
    "script_safe",
]

GROUP_POPUPS = 25  # events listed in the popup of a place with many

_PRECISION = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "year": "year",
    "decade": "decade",
}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s), escaped for an attribute; anything else (javascript:...) None."""
    if _missing(url):
        return None
    text = str(url).strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    return html.escape(text, quote=True)


def date_label(row: dict[str, Any]) -> str:
    """ "2015-12-01", "week 2015-W48 (2015-11-23 to 2015-11-29)", "undated"."""
    start, end = row.get("start_date"), row.get("end_date")
    value, granularity = row.get("date_value"), row.get("granularity")
    if _missing(start):
        return "undated" if _missing(row.get("date_text")) else f"undated ({row['date_text']})"
    s = str(start)[:10]
    e = str(end)[:10] if not _missing(end) else s
    label = s if s == e else f"{s} to {e}"
    if not _missing(granularity) and granularity != "day":
        label = f"{_PRECISION.get(str(granularity), granularity)} {value or ''} ({label})".replace(
            "  ", " "
        )
    source = row.get("date_source")
    if source in ("published", "nearby"):
        label += " · publication date" if source == "published" else " · from context"
    return label


def popup_html(row: dict[str, Any]) -> str:
    """Headline, date with its precision, place, the evidence sentence with the mention
    highlighted, and a source link."""
    esc = html.escape
    sentence = "" if _missing(row.get("sentence")) else str(row["sentence"])
    start, end = row.get("place_start"), row.get("place_end")
    offset = row.get("sentence_start") or 0
    if not _missing(start) and not _missing(end):
        a, b = int(start) - int(offset), int(end) - int(offset)  # type: ignore[arg-type]
    else:
        a = b = -1
    if 0 <= a < b <= len(sentence):
        evidence = f"{esc(sentence[:a])}<mark>{esc(sentence[a:b])}</mark>{esc(sentence[b:])}"
    else:
        evidence = esc(sentence)
    place = row.get("place_name")
    where = esc(str(place)) if not _missing(place) else "unresolved"
    if not _missing(row.get("country_code")):
        where += f", {esc(str(row['country_code']))}"
    if not _missing(row.get("place_text")) and row.get("place_text") != place:
        where += f" <small>(as “{esc(str(row['place_text']))}”)</small>"
    title = "" if _missing(row.get("title")) else esc(str(row["title"]))
    url = safe_url(row.get("url"))
    source = "" if _missing(row.get("source")) else esc(str(row["source"]))
    link = (
        f'<a href="{url}" target="_blank" rel="noopener noreferrer">{source or "source"}</a>'
        if url
        else source
    )
    cats = row.get("categories") or ()
    cats_html = ", ".join(esc(str(c)) for c in cats)
    out = (
        f'<div class="explorer-popup" style="max-width:340px">'
        f"<b>{title}</b><br>"
        f"<span>🗓 {esc(date_label(row))}</span><br>"
        f"<span>📍 {where}</span><br>"
        f'<p style="margin:4px 0">{evidence}</p>'
        f"<small>{cats_html}{' · ' if cats_html and link else ''}{link}</small></div>"
    )
    return out


def group_popup_html(rows: list[dict[str, Any]], limit: int = GROUP_POPUPS) -> str:
    """The popup of one point with several events (a town's): how many, then the newest
    ``limit`` of them (undated last), each as :func:`popup_html`, in a scrolling list."""
    if len(rows) == 1:
        return popup_html(rows[0])
    dated = [r for r in rows if not _missing(r.get("start_date"))]
    dated.sort(key=lambda r: str(r["start_date"]), reverse=True)
    ordered = dated + [r for r in rows if _missing(r.get("start_date"))]
    place = next((str(r["place_name"]) for r in rows if not _missing(r.get("place_name"))), "")
    head = f"<b>{len(rows):,} events</b>" + (f" at {html.escape(place)}" if place else "")
    items = "<hr style='margin:4px 0'>".join(popup_html(r) for r in ordered[:limit])
    more = len(rows) - min(len(rows), limit)
    tail = f"<p><small>… and {more:,} more here: filter the table to see them</small></p>"
    return f'<div class="explorer-group">{head}<br>' + items + (tail if more else "") + "</div>"


_WORD_JOINER = "\u2060"  # invisible; stops "</script" and "<!--" from reading as markup


def script_safe(values: pd.Series) -> pd.Series:
    """Text for a chart's data, which altair writes into a ``<script>`` element of the HTML
    page it saves: an article's ``</script>`` or ``<!--`` would end that element and run what
    follows. An invisible word joiner after ``<`` makes them inert; the text reads the same."""
    return (
        values.astype(str)
        .str.replace("</", f"<{_WORD_JOINER}/", regex=False)
        .str.replace("<!--", f"<{_WORD_JOINER}!--", regex=False)
    )
