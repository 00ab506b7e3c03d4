"""User corrections: add a missed place, remove or fix a wrong one, re-date events, on every run.

Corrections live in a JSON file (default ``corrections.json`` next to the output)::

    {"version": 1, "corrections": [
      {"article_id": "a1", "kind": "place", "text": "Karachi",
       "sentence": "Officials in Karachi said", "place": {"key": "gn:1174872", ...}},
      {"article_id": "a1", "kind": "place", "text": "Carter", "place": null},  # not a place
      {"article_id": "a1", "start": 350, "kind": "place", "text": "Irbil",
       "place": {"name": "Erbil", "latitude": 36.19, "longitude": 44.0}},  # written by hand
      {"article_id": "a1", "kind": "date", "sentence": "The talks ended",
       "start_date": "2015-12-01", "end_date": "2015-12-01"},     # re-date a sentence's events
      {"article_id": "a1", "start": 88, "kind": "date", "text": "on Tuesday",
       "value": "2015-12-01", "start_date": "2015-12-01", "end_date": "2015-12-01"}
    ]}

Where a correction applies is its article and either a character offset (``start``, with its
``text`` checked when given) or its ``text``, narrowed by a ``sentence`` (a piece of the article
that holds it) and/or an ``occurrence`` (1: the first); the text alone means every occurrence.
It is found in the article's text each time it is applied (:mod:`.locate`): a place the
geoparser missed is added, one it found is replaced or (``null``) removed; a date the tagger
missed is added; a date naming only a sentence dates that sentence's events.
A hand-written place needs only a name and coordinates: its key becomes ``user:<name>``, its
feature ``populated_place``, and its country that of the nearest town (:mod:`..nearest`).

The file is checked when it is read: an entry that cannot be used is a :class:`CorrectionError`
naming the file, the entry (from 1) and what is wrong, before any article is processed.
:meth:`Corrections.unmatched` lists the corrections that no longer fit their article (it was
edited), so that they can be reported rather than silently not applied.

The file's ``"incidents"`` list holds corrections of incidents (merge, split, move, re-date,
by article: :mod:`.incident_entries`, :mod:`.incident_edits`), applied after grouping by
:mod:`explorer.incidents.corrections` (docs/incidents.md, "Corrections").

Saving locks the file (:mod:`.lock`), reads it again and applies this object's edits on top,
so that two processes (a notebook and ``explorer correct``) editing one file lose no edit; it
is written atomically (a temporary file renamed over the old one: a crash mid-write leaves
the previous file whole).
"""

from __future__ import annotations

from explorer.events.corrections.articles import find_article, load_articles
from explorer.events.corrections.store import Corrections, article_label
from explorer.files import atomic_write_text

__all__ = ["Corrections", "article_label", "atomic_write_text", "find_article", "load_articles"]
