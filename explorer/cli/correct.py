"""``explorer correct``: list, add and remove corrections, and find those that no longer fit.

    explorer correct add-place data/a.md Karachi --sentence "Officials in Karachi" \\
        --place "Karachi, Pakistan"
    explorer correct remove-place data/a.md Carter
    explorer correct set-date data/a.md 2015-12-01 --sentence "The talks ended"
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
        "correct", help="add, remove and list corrections of places and dates", epilog=EPILOG
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


def _article(args: argparse.Namespace) -> Any:
    from explorer.events.corrections import find_article

    found = find_article(args.article, args.inputs)
    if found is None:
        print(
            f"note: {args.article!r} is no file: taken as an article id, not checked "
            "(give --in CORPUS to check it)",
            file=sys.stderr,
        )
        return args.article
    return found


def _done(args: argparse.Namespace, entry: dict[str, Any]) -> int:
    from explorer.events.corrections.check import describe_entry

    print(f"saved in {args.corrections}: article {entry['article_id']!r}: {describe_entry(entry)}")
    print(f"(applied by `explorer ingest ... --corrections {args.corrections}`)", file=sys.stderr)
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from explorer.events.corrections import Corrections, load_articles
    from explorer.events.corrections.check import describe_entry, stale_corrections

    if args.action == "articles":
        for article in load_articles(args.paths):
            print(f"{article.id}\t{article.path or ''}\t{article.title}")
        return 0
    if args.action in ("list", "delete", "stale"):
        c = Corrections.read(args.corrections)
    else:
        c = Corrections(args.corrections)
    if args.action == "list":
        rows = [
            (n, e) for n, e in enumerate(c.entries(), 1) if args.article in (None, e["article_id"])
        ]
        if args.json:
            print(json.dumps([{"number": n, **e} for n, e in rows], ensure_ascii=False))
        for n, e in [] if args.json else rows:
            file = f" ({e['file']})" if e.get("file") else ""
            print(f"{n}. article {e['article_id']!r}{file}: {describe_entry(e)}")
        return 0
    if args.action == "delete":
        for number in sorted(set(args.numbers), reverse=True):  # later numbers first
            if number > len(c):
                raise ExplorerError(f"there is no correction {number}: there are {len(c)}")
        for number in sorted(set(args.numbers), reverse=True):
            gone = c.drop(number, save=False)
            print(f"deleted {number}. article {gone['article_id']!r}: {describe_entry(gone)}")
        c.save()
        return 0
    if args.action == "stale":
        lines = stale_corrections(c, load_articles(args.paths))
        for line in lines:
            print(line)
        print(f"{len(lines)} of {len(c)} corrections do not fit", file=sys.stderr)
        return 1 if lines else 0
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
