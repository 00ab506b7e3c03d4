"""HTML for map popups and tooltips. Every piece of article text is escaped here; the HTML
goes into the page as data (:mod:`explorer.views.pagedata`), never into a template."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pandas as pd

from explorer.views.names import country_label, day_label, period_label, place_label
from explorer.views.templating import render

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
    """The URL if it is http(s), else (``javascript:``, ``data:``...) None. Not escaped: the
    templates escape it where they place it."""
    if _missing(url):
        return None
    text = str(url).strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    return text


def date_label(row: dict[str, Any]) -> str:
    """ "1 Dec 2015", "November 2015", "2015", "week: 23 Nov 2015 – 29 Nov 2015", "undated";
    with " · publication date" when the date is the article's, not the sentence's."""
    start, end = row.get("start_date"), row.get("end_date")
    granularity = row.get("granularity")
    if _missing(start):
        return "undated" if _missing(row.get("date_text")) else f"undated ({row['date_text']})"
    s = dt.date.fromisoformat(str(start)[:10])
    e = dt.date.fromisoformat(str(end)[:10]) if not _missing(end) else s
    kind = "day" if _missing(granularity) else str(granularity)
    if s == e:
        label = day_label(s)
    elif kind == "month" and s.day == 1 and (e + dt.timedelta(days=1)).day == 1:
        label = f"{s:%B %Y}"
    elif kind == "year" and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        label = str(s.year)
    else:
        prefix = "" if kind in ("day", "time") else f"{_PRECISION.get(kind, kind)}: "
        label = prefix + period_label(s, e)
    source = row.get("date_source")
    if source in ("published", "nearby"):
        label += " · publication date" if source == "published" else " · from context"
    return label


def _place_note(shown: str, gazetteer: str, written: Any) -> str:
    """ "gazetteer: Al Fallūjah" when the article's spelling is shown; "as “Irbil”" when the
    gazetteer's name is shown and the article wrote another."""
    if gazetteer and gazetteer != shown:
        return f"gazetteer: {gazetteer}"
    if _missing(written) or written == shown:
        return ""
    return f"as “{written}”"


def _event(row: dict[str, Any]) -> dict[str, Any]:
    """What a popup shows of one event (plain text; the template escapes it)."""
    sentence = "" if _missing(row.get("sentence")) else str(row["sentence"])
    start, end = row.get("place_start"), row.get("place_end")
    offset = row.get("sentence_start") or 0
    if not _missing(start) and not _missing(end):
        a, b = int(start) - int(offset), int(end) - int(offset)  # type: ignore[arg-type]
    else:
        a = b = -1
    if not 0 <= a < b <= len(sentence):
        a = b = len(sentence)
    place = place_label(row)
    place_text = row.get("place_text")
    title = "" if _missing(row.get("title")) else str(row["title"])
    if sentence.strip() == title.strip():
        title = ""  # a table whose headline is its evidence: shown once
    gazetteer = "" if _missing(row.get("place_name")) else str(row["place_name"])
    return {
        "title": title,
        "date": date_label(row),
        "place": place,
        "country": country_label(row.get("country_code")),
        "note": _place_note(place, gazetteer, place_text),
        "before": sentence[:a],
        "mark": sentence[a:b],
        "after": sentence[b:],
        "categories": [str(c) for c in (row.get("categories") or ())],
        "url": safe_url(row.get("url")),
        "source": "" if _missing(row.get("source")) else str(row["source"]),
    }


def popup_html(row: dict[str, Any]) -> str:
    """Headline, date with its precision, place, the evidence sentence with the mention
    highlighted, and a source link (``templates/popup.html``, escaped)."""
    return render("popup.html", events=[_event(row)], total=0, place="", more=0)


def group_popup_html(rows: list[dict[str, Any]], limit: int = GROUP_POPUPS) -> str:
    """The popup of one point with several events (a town's): how many, then the newest
    ``limit`` of them (undated last), each as :func:`popup_html`, in a scrolling list."""
    if len(rows) == 1:
        return popup_html(rows[0])
    dated = [r for r in rows if not _missing(r.get("start_date"))]
    dated.sort(key=lambda r: str(r["start_date"]), reverse=True)
    ordered = dated + [r for r in rows if _missing(r.get("start_date"))]
    place = next((place_label(r) for r in rows if not _missing(r.get("place_name"))), "")
    events = [_event(r) for r in ordered[:limit]]
    for before, event in itertools.pairwise(events):
        if event["title"] == before["title"]:
            event["title"] = ""  # the same article's headline once
    return render(
        "popup.html",
        events=events,
        total=len(rows),
        place=place,
        more=len(rows) - min(len(rows), limit),
    )


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
