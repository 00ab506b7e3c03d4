"""``explorer incidents``: the incidents articles report, the main one first.

    explorer incidents data/articles/            # one line per incident
    explorer incidents data/a.md --json          # every field, as JSON
    explorer incidents --jsonl < docs.jsonl      # batch protocol (one line per document)

The batch protocol is the one of ``places --jsonl``: each input line is
``{"id": ..., "title": ..., "text": ..., "published": "YYYY-MM-DD"}``; each answer
``{"id": ..., "incidents": [...]}``, in order, with for each incident its point, place name,
country code, state (``admin1``), day (``date``, ``start_date``, ``end_date``), the mention
that places it (``place_start``/``place_end``, offsets into ``text``, when one does) and an
``incident_id`` shared by the documents of the run that report the same incident.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from explorer.cli.common import parse_date
from explorer.errors import ExplorerError

__all__ = ["add_incidents_parser", "cmd_incidents", "incident_json"]


def add_incidents_parser(sub: Any) -> None:
    """Register ``explorer incidents`` on the CLI's subparsers."""
    p = sub.add_parser("incidents", help="the incidents articles report: what, where, when")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or globs")
    p.add_argument("--json", action="store_true", help="print a JSON array of the incidents")
    p.add_argument(
        "--jsonl",
        nargs="?",
        const="-",
        default=None,
        metavar="FILE",
        help="batch: JSON lines on stdin (or FILE), one answer line per document",
    )
    p.add_argument("--published", type=parse_date, default=None, help="for a single file")
    p.set_defaults(func=cmd_incidents)


def incident_json(report: Any, incident_id: str | None) -> dict[str, Any]:
    """One incident as the batch protocol writes it."""
    p = report.place
    return {
        "label": report.label,
        "category": report.category,
        "status": report.status,
        "latitude": None if p is None else p.latitude,
        "longitude": None if p is None else p.longitude,
        "place_name": None if p is None else p.name,
        "country_code": None if p is None else p.country_code,
        "admin1": None if p is None else p.admin1,
        "place_text": report.place_text,
        "place_start": report.place_start,
        "place_end": report.place_end,
        "place_precision": report.place_precision,
        "place_evidence": report.place_evidence,
        "date": report.start.isoformat() if report.start and report.start == report.end else None,
        "start_date": report.start.isoformat() if report.start else None,
        "end_date": report.end.isoformat() if report.end else None,
        "date_precision": report.date_precision,
        "date_text": report.date_text,
        "date_evidence": report.date_evidence,
        "killed": report.killed,
        "injured": report.injured,
        "confidence": report.confidence,
        "incident_id": incident_id,
    }


def _answerer() -> Any:
    """The answer to each document of a ``--jsonl`` run, grouped with the documents before it
    in the same run (and only those): an incremental :class:`~explorer.incidents.group.Grouper`,
    so each line is answered as it comes and later reports join earlier incidents without
    changing their ids."""
    from explorer.incidents.group import Grouper

    grouper = Grouper()

    def answer(doc: dict[str, Any]) -> dict[str, Any]:
        article, reports = _reports(doc)
        text = f"{article.title}\n\n{article.text}"
        ids = grouper.add(reports, {article.id: text}) if reports else []
        return {"incidents": [incident_json(r, i) for r, i in zip(reports, ids, strict=True)]}

    return answer


def _reports(doc: dict[str, Any]) -> tuple[Any, list[Any]]:
    from explorer.cli.text import _published
    from explorer.incidents import extract_incidents
    from explorer.model import Article

    title = doc.get("title") or ""
    if not isinstance(title, str):
        raise ValueError("'title' must be a string")
    article = Article(
        id=str(doc.get("id") or ""),
        title=title,
        text=doc["text"],
        published=_published(doc),
        source=doc.get("source") if isinstance(doc.get("source"), str) else None,
        url=doc.get("url") if isinstance(doc.get("url"), str) else None,
    )
    return article, extract_incidents(article)


def cmd_incidents(args: argparse.Namespace) -> int:
    from explorer.cli.text import run_jsonl

    if args.jsonl is not None:
        if args.inputs:
            raise ExplorerError("give INPUT files or --jsonl, not both")
        if args.jsonl == "-":
            lines: Any = sys.stdin
        else:
            try:
                with open(args.jsonl, encoding="utf-8-sig") as f:
                    lines = f.read().splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise ExplorerError(f"cannot read {args.jsonl}: {exc}") from exc
        run_jsonl(lines, sys.stdout, _answerer())
        return 0
    if not args.inputs:
        raise ExplorerError("give INPUT files, folders or globs, or --jsonl")
    from dataclasses import replace

    from explorer.incidents import extract_incidents
    from explorer.incidents.group import Grouper
    from explorer.ingest import load

    articles = load(args.inputs)
    if args.published is not None:
        articles = [replace(a, published=args.published) for a in articles]
    rows: list[tuple[Any, Any, str]] = []
    grouper = Grouper()  # the articles of this run grouped into incidents
    for article in articles:
        reports = extract_incidents(article)
        text = {article.id: f"{article.title}\n\n{article.text}"}
        ids = grouper.add(reports, text) if reports else []
        rows.extend((article, report, key) for report, key in zip(reports, ids, strict=True))
    if args.json:
        out = [
            {"article_id": a.id, "title": a.title, **incident_json(r, k), "evidence": r.evidence}
            for a, r, k in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for article, r, _ in rows:
        where = r.place.label if r.place else "no place"
        when = r.start.isoformat() if r.start else "no date"
        if r.end and r.start and r.end != r.start:
            when += f"..{r.end.isoformat()}"
        counts = "".join(
            f", {n} {what}" for n, what in ((r.killed, "killed"), (r.injured, "injured")) if n
        )
        print(f"{article.id}: {r.label} ({r.category}, {r.status}{counts})")
        print(f"    where: {where} [{r.place_precision or '-'}; {r.place_evidence}]")
        print(f"    when:  {when} [{r.date_precision}; {r.date_evidence}]")
    return 0
