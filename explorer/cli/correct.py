"""``explorer correct``: list, add and remove corrections, and find those that no longer fit.

    explorer correct add-place data/a.md Karachi --sentence "Officials in Karachi" \\
        --place "Karachi, Pakistan"
    explorer correct remove-place data/a.md Carter
    explorer correct set-date data/a.md 2015-12-01 --sentence "The talks ended"
    explorer correct merge-incidents data/a.md data/b.md
    explorer correct split-incident data/c.md
    explorer correct move-incident data/a.md "Pittsburgh, Pennsylvania"
    explorer correct redate-incident data/a.md 2015-12-01 --end 2015-12-02
    explorer correct list
    explorer correct delete 2
    explorer correct stale data/

ARTICLE is a file (its one article), ``FILE#ROW`` for a row of a table, or an article id; with
``--in CORPUS`` it is looked for among the corpus' articles (by id or file name) and the
correction is checked against its text now. The file is ``corrections.json`` unless ``-c FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from explorer.cli.common import parse_date, positive_int
from explorer.errors import ExplorerError

__all__ = ["add_correct_parser", "cmd_correct"]

EPILOG = (
    "ARTICLE: a file, FILE#ROW (a row of a table) or an article id (with --in CORPUS, looked "
    "for among the corpus' articles). The text is found whole-word; without --sentence or "
    "--nth every occurrence is meant. Corrections apply on the next "
    "`explorer ingest ... --corrections FILE`."
)


def _where(p: argparse.ArgumentParser, text_required: bool = True) -> None:
    p.add_argument("article", metavar="ARTICLE", help="a file, FILE#ROW or an article id")
    if text_required:
        p.add_argument("text", metavar="TEXT", help="the place as written in the article")
    p.add_argument(
        "--sentence",
        default=None,
        help="a piece of the sentence that holds TEXT (as written in the article)",
    )
    p.add_argument(
        "--nth",
        type=positive_int,
        default=None,
        metavar="N",
        help="the N-th occurrence of TEXT (1: the first)",
    )
    p.add_argument(
        "--start",
        type=int,
        default=None,
        metavar="OFFSET",
        help="the character offset of TEXT (instead of --sentence or --nth)",
    )
    p.add_argument(
        "--in",
        dest="inputs",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="the corpus to find ARTICLE in (files, folders, globs)",
    )


def _point(value: str) -> tuple[float, float]:
    try:
        lat, lon = (float(v) for v in value.replace(" ", "").split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not LAT,LON (e.g. 24.86,67.01): {value!r}") from exc
    return lat, lon


INCIDENT_EPILOG = (
    "ARTICLE: a file, FILE#ROW or an article id; the incident meant is the one holding that "
    "article's report (its most confident one, or the one of --label). Incident corrections "
    "apply on the next `explorer ingest ... --corrections FILE` (its incidents file)."
)


def add_correct_parser(sub: Any) -> None:
    """Register ``explorer correct`` and its subcommands on the CLI's subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-c",
        "--corrections",
        default="corrections.json",
        metavar="FILE",
        help="the corrections file (default corrections.json)",
    )
    p = sub.add_parser(
        "correct",
        help="add, remove and list corrections of places, dates and incidents",
        epilog=EPILOG,
    )
    actions = p.add_subparsers(dest="action", required=True)

    a = actions.add_parser("list", parents=[common], help="the corrections, numbered")
    a.add_argument("article", nargs="?", metavar="ARTICLE", help="only this article's (an id)")
    a.add_argument("--json", action="store_true", help="print a JSON array")

    a = actions.add_parser(
        "add-place",
        aliases=["fix-place"],
        parents=[common],
        epilog=EPILOG,
        help="TEXT in ARTICLE is a place: add a missed one or fix a wrong one",
    )
    _where(a)
    what = a.add_mutually_exclusive_group(required=True)
    what.add_argument("--place", metavar="NAME", help='a gazetteer name ("Karachi, Pakistan")')
    what.add_argument(
        "--point",
        type=_point,
        metavar="LAT,LON",
        help="coordinates (--point=-33.9,18.4 when the latitude is negative)",
    )
    a.add_argument("--name", default=None, help="the name of the --point (default TEXT)")

    a = actions.add_parser(
        "remove-place",
        parents=[common],
        epilog=EPILOG,
        help="TEXT in ARTICLE is not a place: drop it and its events",
    )
    _where(a)

    a = actions.add_parser(
        "set-date",
        parents=[common],
        epilog=EPILOG,
        help="date the events of a sentence, or a date expression",
    )
    a.add_argument("article", metavar="ARTICLE", help="a file, FILE#ROW or an article id")
    a.add_argument("date", type=parse_date, metavar="DATE", help="YYYY-MM-DD")
    a.add_argument(
        "--end", type=parse_date, default=None, metavar="DATE", help="the last day (default DATE)"
    )
    a.add_argument(
        "--text",
        default=None,
        help='the date expression as written ("on Tuesday"); else --sentence',
    )
    a.add_argument("--sentence", default=None, help="a piece of the sentence to re-date")
    a.add_argument("--nth", type=positive_int, default=None, metavar="N")
    a.add_argument("--start", type=int, default=None, metavar="OFFSET")
    a.add_argument("--in", dest="inputs", nargs="+", action="extend", default=[], metavar="PATH")

    _incident_parsers(actions, common)

    a = actions.add_parser("delete", parents=[common], help="delete corrections by number")
    a.add_argument(
        "numbers",
        nargs="+",
        type=positive_int,
        metavar="NUMBER",
        help="as `explorer correct list` numbers them",
    )

    a = actions.add_parser(
        "stale",
        parents=[common],
        help="the corrections that no longer fit the corpus (exit 1 if any)",
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="the corpus: files, folders, globs")

    a = actions.add_parser("articles", help="the articles of a corpus: id, file, title")
    a.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_correct)


def _incident_parsers(actions: Any, common: argparse.ArgumentParser) -> None:
    """``merge-incidents``, ``split-incident``, ``move-incident``, ``redate-incident``."""
    incident = argparse.ArgumentParser(add_help=False, parents=[common])
    incident.add_argument(
        "--label",
        default=None,
        help="the report's label when the article reports several incidents ('shooting')",
    )
    incident.add_argument(
        "--in", dest="inputs", nargs="+", action="extend", default=[], metavar="PATH"
    )
    what = "the incident holding ARTICLE's report"
    a = actions.add_parser(
        "merge-incidents",
        parents=[incident],
        epilog=INCIDENT_EPILOG,
        help="the incidents holding these articles' reports are one",
    )
    a.add_argument("articles", nargs="+", metavar="ARTICLE", help="two or more articles")
    a = actions.add_parser(
        "split-incident",
        parents=[incident],
        epilog=INCIDENT_EPILOG,
        help="ARTICLE's report is an incident of its own",
    )
    a.add_argument("article", metavar="ARTICLE")
    a = actions.add_parser(
        "move-incident",
        parents=[incident],
        epilog=INCIDENT_EPILOG,
        help=f"{what} happened at PLACE",
    )
    a.add_argument("article", metavar="ARTICLE")
    a.add_argument("place", metavar="PLACE", help='a gazetteer name or "LAT,LON"')
    a.add_argument("--name", default=None, help="the name of a LAT,LON place")
    a = actions.add_parser(
        "redate-incident",
        parents=[incident],
        epilog=INCIDENT_EPILOG,
        help=f"{what} happened on DATE",
    )
    a.add_argument("article", metavar="ARTICLE")
    a.add_argument("date", type=parse_date, metavar="DATE", help="YYYY-MM-DD")
    a.add_argument(
        "--end", type=parse_date, default=None, metavar="DATE", help="the last day (default DATE)"
    )


def _article(args: argparse.Namespace, name: str | None = None) -> Any:
    from explorer.events.corrections import find_article

    name = args.article if name is None else name
    found = find_article(name, args.inputs)
    if found is None:
        print(
            f"note: {name!r} is no file: taken as an article id, not checked "
            "(give --in CORPUS to check it)",
            file=sys.stderr,
        )
        return name
    return found


def _place_or_point(value: str) -> str | tuple[float, float]:
    try:
        return _point(value)
    except argparse.ArgumentTypeError:
        return value


def _incident_action(args: argparse.Namespace, c: Any) -> dict[str, Any]:
    label = args.label
    if args.action == "merge-incidents":
        if len(args.articles) < 2:
            raise ExplorerError("merge-incidents needs two or more articles")
        articles = [_article(args, name) for name in args.articles]
        return c.merge_incidents(*articles, label=label)
    article = _article(args)
    if args.action == "split-incident":
        return c.split_incident(article, label=label)
    if args.action == "move-incident":
        place = _place_or_point(args.place)
        return c.move_incident(article, place, name=args.name, label=label)
    return c.redate_incident(article, args.date, args.end, label=label)


def _describe(entry: dict[str, Any], file: bool = False) -> str:
    """``article 'a1' (a.md): place 'Carter' -> not a place``, ``the incidents of ... are one``."""
    from explorer.events.corrections.check import describe_entry
    from explorer.events.corrections.incident_entries import INCIDENT_KINDS, describe_incident

    where = f" ({entry['file']})" if file and entry.get("file") else ""
    if entry["kind"] in INCIDENT_KINDS:
        return describe_incident(entry) + where
    return f"article {entry['article_id']!r}{where}: {describe_entry(entry)}"


def _incident_stale(c: Any, articles: list[Any]) -> list[str]:
    """The incident corrections whose articles report no incident among ``articles``."""
    if not c.incident_entries():
        return []
    from explorer.incidents.consensus import build_incident
    from explorer.incidents.corrections import stale_incident_corrections
    from explorer.incidents.extract import extract_incidents

    alone: list[Any] = []
    for article in articles:
        try:
            reports = extract_incidents(article)
        except (ExplorerError, ValueError, RecursionError):
            continue  # its incidents are missing: corrections naming it are reported
        alone.extend(build_incident(r.article_id, [r]) for r in reports)
    return stale_incident_corrections(alone, c)


def _done(args: argparse.Namespace, entry: dict[str, Any]) -> int:
    print(f"saved in {args.corrections}: {_describe(entry)}")
    print(f"(applied by `explorer ingest ... --corrections {args.corrections}`)", file=sys.stderr)
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from explorer.events.corrections import Corrections, load_articles
    from explorer.events.corrections.check import stale_corrections

    if args.action == "articles":
        for article in load_articles(args.paths):
            print(f"{article.id}\t{article.path or ''}\t{article.title}")
        return 0
    if args.action in ("list", "delete", "stale"):
        c = Corrections.read(args.corrections)
    else:
        c = Corrections(args.corrections)
    if args.action == "list":
        every = [*c.entries(), *c.incident_entries()]
        rows = [
            (n, e)
            for n, e in enumerate(every, 1)
            if args.article is None or args.article in (e.get("article_id"), *e.get("articles", ()))
        ]
        if args.json:
            print(json.dumps([{"number": n, **e} for n, e in rows], ensure_ascii=False))
        for n, e in [] if args.json else rows:
            print(f"{n}. {_describe(e, file=True)}")
        return 0
    if args.action == "delete":
        for number in sorted(set(args.numbers), reverse=True):  # later numbers first
            if number > len(c):
                raise ExplorerError(f"there is no correction {number}: there are {len(c)}")
        for number in sorted(set(args.numbers), reverse=True):
            gone = c.drop(number, save=False)
            print(f"deleted {number}. {_describe(gone)}")
        c.save()
        return 0
    if args.action == "stale":
        articles = load_articles(args.paths)
        lines = stale_corrections(c, articles) + _incident_stale(c, articles)
        for line in lines:
            print(line)
        print(f"{len(lines)} of {len(c)} corrections do not fit", file=sys.stderr)
        return 1 if lines else 0
    if args.action.endswith(("-incident", "-incidents")):
        return _done(args, _incident_action(args, c))
    where = {"sentence": args.sentence, "occurrence": args.nth, "start": args.start}
    article = _article(args)
    if args.action in ("add-place", "fix-place"):
        place = args.place if args.place is not None else args.point
        return _done(args, c.add_place(article, args.text, place, name=args.name, **where))
    if args.action == "remove-place":
        return _done(args, c.remove_place(article, args.text, **where))
    if args.text is None and args.sentence is None and args.start is None:
        raise ExplorerError("say what to re-date: --sentence (a piece of it) or --text")
    return _done(args, c.redate(article, args.date, args.end, text=args.text, **where))
