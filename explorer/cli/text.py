"""``explorer geocode``, ``places`` and ``dates``, and the JSON-lines batch protocol the shared
scorers use (``places --jsonl``, ``dates --jsonl``)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from explorer.cli.common import dump, read_text
from explorer.errors import ExplorerError

__all__ = [
    "cmd_dates",
    "cmd_geocode",
    "cmd_places",
    "mention_json",
    "place_json",
    "run_jsonl",
]


# --- geocode -------------------------------------------------------------------------------


def place_json(query: str, place: Any) -> dict[str, Any]:
    """The JSON object ``explorer geocode --json`` prints for one query."""
    if place is None:
        return {
            "query": query,
            "name": None,
            "latitude": None,
            "longitude": None,
            "country_code": None,
            "admin1": None,
            "feature": None,
            "geonames_id": None,
            "population": None,
        }
    return {
        "query": query,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "feature": place.feature,
        "geonames_id": place.geonames_id,
        "population": place.population,
    }


# exit statuses of `explorer geocode` (its --help says them)
NOT_FOUND, UNUSABLE, SERVICE_FAILED = 1, 2, 3


def shown(text: str) -> str:
    """``text`` safe to print on a terminal: control and other invisible characters (escape
    sequences, bidirectional overrides) written as Python escapes (``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _label(query: str) -> str:
    label = repr(query) if not query.strip() else shown(query)
    return label if len(label) <= 60 else label[:57] + "..."


def _json_text(value: Any) -> str:
    """JSON with every non-printable character escaped (json escapes only U+0000-U+001F)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(c if c.isprintable() or c in " \n" else json.dumps(c)[1:-1] for c in text)


def cmd_geocode(args: argparse.Namespace) -> int:
    from explorer.errors import GeocoderError, InvalidQuery
    from explorer.geocoding import get_geocoder

    geocoder = get_geocoder(
        args.backend,
        user_agent=args.user_agent,
        cache_path=args.cache,
    )
    results = []
    status = 0
    for query in args.names:
        try:
            if not query.isprintable() and any("\ud800" <= c <= "\udfff" for c in query):
                # bytes that are not UTF-8 on the command line (Python keeps them as surrogates)
                raise InvalidQuery("the name is not UTF-8 text")
            place = geocoder.geocode_place(query)
        except ExplorerError as exc:
            if isinstance(exc, GeocoderError):  # the service failed, or could not be reached
                status = max(status, SERVICE_FAILED)
            elif isinstance(exc, InvalidQuery):
                status = max(status, NOT_FOUND)
            else:  # the gazetteer, say, cannot be read
                status = max(status, UNUSABLE)
            if not args.json:
                print(f"{_label(query)}: error: {shown(str(exc))}", file=sys.stderr)
            results.append({**place_json(query, None), "error": str(exc)})
            continue
        results.append(place_json(query, place))
        if place is None:
            status = max(status, NOT_FOUND)
        if not args.json:
            if place is None:
                print(f"{shown(query)}: not found")
            else:
                print(
                    shown(
                        f"{query}: {place.label} ({place.latitude:.4f}, {place.longitude:.4f})"
                        f" [{place.feature}]"
                    )
                )
    if args.json:
        print(_json_text(results))
    return status


# --- batch protocol shared by `places --jsonl` and `dates --jsonl` ----------------------------


def run_jsonl(
    lines: Iterable[str],
    out: TextIO,
    handle: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    """Read JSON lines, answer one line per input line, in order.

    A malformed line (not JSON, not an object, missing ``text``) yields
    ``{"id": ..., "error": "..."}`` (id null if unreadable) and processing goes on.
    """
    for line in lines:
        if not line.strip():
            continue
        doc_id: Any = None
        try:
            try:
                doc = json.loads(line)
            except RecursionError:
                raise ValueError("not JSON: nested too deeply") from None
            if not isinstance(doc, dict):
                raise ValueError("each line must be a JSON object")
            doc_id = doc.get("id")
            if not isinstance(doc.get("text"), str):
                raise ValueError("missing or non-string 'text'")
            answer = {"id": doc_id, **handle(doc)}
        except (ValueError, ExplorerError) as exc:
            answer = {"id": doc_id, "error": str(exc)}
        dump(answer, out)
        out.flush()


def _published(doc: dict[str, Any]) -> dt.date | None:
    value = doc.get("published")
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("'published' must be a YYYY-MM-DD string")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValueError(f"'published' is not a date: {value!r}") from exc


def _jsonl_lines(args: argparse.Namespace) -> Iterable[str]:
    """``--jsonl`` reads standard input, or FILE when one is given."""
    if args.file in (None, "-"):
        return sys.stdin
    try:
        return Path(args.file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplorerError(f"cannot read {args.file}: {exc}") from exc


def _document(args: argparse.Namespace) -> tuple[str, dt.date | None]:
    """The text of FILE and its publication date (``--published``, else the file's own).

    A saved web page (.html) is read for its main text, and a .md/.txt file with YAML front
    matter for its body and ``published`` date, as ``explorer ingest`` reads them: offsets are
    then into that text. Any other file (or ``-``) is taken as it is."""
    if args.file is None:
        raise ExplorerError("give a FILE (or - for standard input), or --jsonl")
    raw = read_text(args.file)
    suffix = Path(args.file).suffix.lower()
    if args.file != "-" and (suffix in (".html", ".htm") or raw.startswith("---")):
        from explorer.ingest import load_report

        report = load_report([args.file])
        for item in report.skipped:
            raise ExplorerError(f"cannot read {item.path}: {item.reason}")
        if len(report.articles) == 1:
            article = report.articles[0]
            return article.text, args.published or article.published
    return raw, args.published


# --- places --------------------------------------------------------------------------------


def mention_json(m: Any) -> dict[str, Any]:
    p = m.place
    return {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "name": None if p is None else p.name,
        "latitude": None if p is None else p.latitude,
        "longitude": None if p is None else p.longitude,
        "country_code": None if p is None else p.country_code,
        "admin1": None if p is None else p.admin1,
        "feature": None if p is None else p.feature,
        "geonames_id": None if p is None else p.geonames_id,
        "score": round(m.score, 4),
        "reason": m.reason,
        "demonym": m.demonym,
    }


def cmd_places(args: argparse.Namespace) -> int:
    from explorer.places import geoparse

    if args.jsonl:

        def handle(doc: dict[str, Any]) -> dict[str, Any]:
            found = geoparse(doc["text"], published=_published(doc))
            return {"places": [mention_json(m) for m in found]}

        run_jsonl(_jsonl_lines(args), sys.stdout, handle)
        return 0
    text, published = _document(args)
    found = geoparse(text, published=published)
    if args.json:
        print(json.dumps([mention_json(m) for m in found], ensure_ascii=False, indent=2))
    else:
        for m in found:
            where = "unresolved" if m.place is None else m.place.label
            flag = " (demonym)" if m.demonym else ""
            print(f"{m.start:>6}-{m.end:<6} {m.text!r}{flag} -> {where}  [{m.reason}]")
    return 0


# --- dates ---------------------------------------------------------------------------------


def cmd_dates(args: argparse.Namespace) -> int:
    if args.jsonl:
        # JSON-ready dicts straight from the tagger: no TimeMention records to build
        from explorer.dates import dates_json

        def handle(doc: dict[str, Any]) -> dict[str, Any]:
            return {"dates": dates_json(doc["text"], published=_published(doc))}

        run_jsonl(_jsonl_lines(args), sys.stdout, handle)
        return 0
    from explorer.dates import find_dates

    text, published = _document(args)
    found = find_dates(text, published=published)
    if args.json:
        print(json.dumps([t.to_dict() for t in found], ensure_ascii=False, indent=2))
    else:
        for t in found:
            span = "" if t.start_date is None else f" [{t.start_date} .. {t.end_date}]"
            print(f"{t.start:>6}-{t.end:<6} {t.text!r} {t.type} {t.value}{span}")
    return 0
