"""Temporal tagging for news: find temporal expressions and normalise them (TIMEX3).

>>> import datetime as dt
>>> [(t.text, t.value) for t in find_dates("He said on Tuesday that ...",
...                                          published=dt.date(2015, 12, 2))]
[('Tuesday', '2015-12-01')]

See ``docs/dates.md`` for the rules.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from explorer.dates.document import anchor_clock_times, resolve_anaphora, widen_modifiers
from explorer.dates.patterns import RULES, Rule, trigger_hits
from explorer.dates.timex import Found
from explorer.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.model import TimeMention

__all__ = ["dates_json", "find_dates", "fold", "tag"]

log = logging.getLogger(__name__)  # no handlers here: the application decides what is shown

_WORD_REST = re.compile(r"\S*")


def _windows(text: str, rule: Rule, hits: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Merged windows around the hits of the rule's trigger classes."""
    if len(rule.triggers) == 1:
        starts = hits.get(rule.triggers[0], [])
    else:
        starts = sorted(p for name in rule.triggers for p in hits.get(name, ()))
    out: list[tuple[int, int]] = []
    n = len(text)
    back, forward = rule.back, rule.forward
    for at in starts:
        lo = at - back if at > back else 0
        hi = at + forward
        if hi >= n:
            hi = n
        elif not text[hi].isspace():
            hi = _WORD_REST.match(text, hi).end()  # type: ignore[union-attr]  # never cut a word
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def fold(text: str) -> str:
    """``text`` in lower case, character for character (so that offsets stay the same)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" -> "i̇"


def _candidates(text: str, published: dt.date | None) -> list[Found]:
    low = fold(text)
    hits = trigger_hits(text, low)
    found: list[Found] = []
    for rule in RULES:
        if not any(name in hits for name in rule.triggers):
            continue
        subject = low if rule.folded else text
        for lo, hi in _windows(text, rule, hits):
            for m in rule.pattern.finditer(subject, lo, hi):
                try:
                    f = rule.handle(m, text, published)
                except (ValueError, OverflowError) as exc:
                    # "February 30", year 99999: the words match but name no calendar date
                    log.debug("date rule %s: %r is no date (%s)", rule.name, m.group()[:80], exc)
                    f = None
                except KeyError as exc:
                    # a word the rule's tables lack: a gap in the rule, so it is said louder
                    log.warning(
                        "date rule %s skipped %r at %d: %s: %s",
                        rule.name, m.group()[:80], m.start(), type(exc).__name__, exc,
                    )  # fmt: skip
                    f = None
                if f is not None and f.end > f.start:
                    found.append(f)
    return found


def _checked(text: object, published: dt.date | None) -> dt.date | None:
    if not isinstance(text, str):
        raise ExplorerError(f"text must be a string, not {type(text).__name__}")
    if published is None or type(published) is dt.date:
        return published
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, str):  # "2015-12-02", as people type it
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise ExplorerError(f"published is not a YYYY-MM-DD date: {published!r}") from None
    if isinstance(published, dt.date):
        return published
    raise ExplorerError(f"published must be a date, not {type(published).__name__}")


def tag(text: str, published: dt.date | None = None) -> list[Found]:
    """The expressions kept in ``text`` (longest first, no overlaps), in text order."""
    found = _candidates(text, published)
    found.sort(key=lambda f: (f.start - f.end, f.start))
    used = bytearray(len(text) + 1)
    kept: list[Found] = []
    for f in found:
        if any(used[f.start : f.end]):
            continue
        used[f.start : f.end] = b"\x01" * (f.end - f.start)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    return widen_modifiers(text, resolve_anaphora(text, anchor_clock_times(text, kept)))


def find_dates(text: str, *, published: dt.date | None = None) -> list[TimeMention]:
    """Temporal expressions in ``text``, in order, normalised against ``published``.

    Without a publication date, relative expressions come back unanchored (``X`` placeholders in
    the value, no interval); they are never resolved against today's date.
    """
    from explorer.model import TimeMention

    published = _checked(text, published)
    return [
        TimeMention(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            type=f.type,
            value=f.value,
            start_date=f.start_date,
            end_date=f.end_date,
            granularity=f.granularity,
            anchored=f.anchored,
            rule=f.rule,
        )
        for f in tag(text, published)
    ]


def dates_json(text: str, *, published: dt.date | None = None) -> list[dict[str, object]]:
    """``[t.to_dict() for t in find_dates(text, published=published)]``, without building the
    ``TimeMention`` records (nor importing ``explorer.model``): the ``dates --jsonl`` path."""
    published = _checked(text, published)
    return [f.to_dict(text) for f in tag(text, published)]
