"""The ``explorer`` command line: argument parsing only; each command calls the package API.

The commands live in :mod:`explorer.cli.text` (geocode, places, dates and the JSON-lines batch
protocol), :mod:`explorer.cli.tables` (ingest, brief, map, export, timeline, gazetteer, demo)
and :mod:`explorer.cli.correct` (correct); they import the heavy parts of the package only when
their command runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from explorer.cli.common import parse_date, positive_int
from explorer.cli.correct import add_correct_parser
from explorer.cli.incidents import add_incidents_parser
from explorer.cli.tables import (
    cmd_brief,
    cmd_demo,
    cmd_export,
    cmd_gazetteer,
    cmd_ingest,
    cmd_map,
    cmd_timeline,
)
from explorer.cli.text import (
    cmd_dates,
    cmd_geocode,
    cmd_places,
    mention_json,
    place_json,
    run_jsonl,
)
from explorer.errors import ExplorerError

__all__ = ["build_parser", "main", "mention_json", "place_json", "run_jsonl"]

FILE_HELP = (
    "a text file, a .md with front matter or a saved .html page (read as ingest reads it), "
    "or - for stdin; with --jsonl, a JSON-lines file (default stdin)"
)


def add_lexicon_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lexicon",
        metavar="FILE",
        default=None,
        help="your own categories: a JSON or YAML file mapping each category to its words "
        '({"flood": ["flood", "inundat"]}), added to the built-in ones',
    )


def add_csv_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--csv-formulas",
        choices=["escape", "keep"],
        default="escape",
        help="CSV text cells starting with = + - @ (spreadsheet formulas): escape them with a "
        "leading apostrophe (default; Explorer reads them back as written) or keep them as is",
    )


def add_incidents_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--incidents",
        default=None,
        metavar="FILE",
        help="an incidents table (default: EVENTS.incidents.EXT next to a single events file, "
        "when it exists)",
    )
    p.add_argument("--mentions", action="store_true", help="mentions only, not incidents")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Turn news articles into dated, geocoded events.",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log what Explorer decides on standard error (-v: steps, -vv: details)",
    )
    parser.add_argument(
        "-q", "--quiet", dest="log_quiet", action="store_true", help="log errors only"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "geocode",
        help="resolve place names to coordinates",
        epilog="exit status: 0 when every name is found, 1 when one is not found or is no "
        "place query (the others are still answered), 2 when the back end cannot be used, 3 "
        "when an online service fails or cannot be reached (a network failure: not a 'not "
        "found'); the highest applies. Control characters in names are shown escaped.",
    )
    p.add_argument("names", nargs="+", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument(
        "--backend",
        default="offline",
        help="offline (default), nominatim, photon, arcgis; online back ends need network",
    )
    p.add_argument("--user-agent", default=None, help="User-Agent for online services")
    p.add_argument("--cache", default=None, help="SQLite cache file for online answers")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("places", help="find and resolve the places named in a text")
    p.add_argument("file", nargs="?", metavar="FILE", help=FILE_HELP)
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="batch: JSON lines on stdin")
    p.add_argument("--published", type=parse_date, default=None)
    p.set_defaults(func=cmd_places)

    p = sub.add_parser("dates", help="find temporal expressions and normalise them")
    p.add_argument("file", nargs="?", metavar="FILE", help=FILE_HELP)
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="batch: JSON lines on stdin")
    p.add_argument("--published", type=parse_date, default=None, help="YYYY-MM-DD")
    p.set_defaults(func=cmd_dates)

    p = sub.add_parser("ingest", help="extract the events of a corpus into one table")
    # "*" and a check in cmd_ingest: `ingest --dask corpus/ --out x` gives --dask the folder
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or globs")
    add_lexicon_option(p)
    p.add_argument(
        "--out",
        required=True,
        help="events file: .csv, .json, .geojson, .parquet; with --dask a folder of Parquet parts",
    )
    p.add_argument("--format", default=None, help="override the format given by --out")
    add_csv_option(p)
    p.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        help="worker processes (default 1; with --dask and no address: LocalCluster workers, "
        "default one per core)",
    )
    p.add_argument(
        "--dask",
        nargs="?",
        const="",
        default=None,
        metavar="SCHEDULER",
        help="run on Dask distributed: a LocalCluster, or the scheduler at SCHEDULER "
        "(tcp://host:8786); writes a folder of Parquet part files",
    )
    p.add_argument(
        "--dask-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for the scheduler to answer, and for it to have a worker "
        "(default 10)",
    )
    p.add_argument("--corrections", default=None, help="a corrections JSON file to apply")
    p.add_argument("--no-cache", action="store_true", help="reprocess unchanged articles")
    p.add_argument(
        "--no-incidents",
        action="store_true",
        help="write the events only, not the incidents next to them (EVENTS.incidents.EXT); "
        "finding incidents reads each article a second time",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("brief", help="a one-file briefing that opens offline")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="sources or events files")
    add_lexicon_option(p)
    p.add_argument("--out", required=True)
    p.add_argument("--title", default="Briefing")
    p.add_argument("--from", dest="date_from", type=parse_date, default=None)
    p.add_argument("--to", dest="date_to", type=parse_date, default=None)
    p.add_argument("--country", action="append", help="ISO code; repeat for several")
    p.add_argument("--category", action="append", help="repeat for several")
    add_incidents_options(p)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("map", help="the interactive map as one HTML file")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_lexicon_option(p)
    p.add_argument("--out", required=True)
    p.add_argument("--basemap", default="none", help="none (offline) or an xyzservices name")
    p.add_argument("--cdn", action="store_true", help="load Leaflet from CDNs instead")
    add_incidents_options(p)
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("export", help="events to csv, json, geojson, kml or parquet")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_lexicon_option(p)
    p.add_argument("--out", default=None, help="a file (format from its extension); default stdout")
    p.add_argument("--format", default=None, choices=["csv", "json", "geojson", "kml", "parquet"])
    add_csv_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("timeline", help="the timeline as PNG or SVG (for slides) or HTML")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_lexicon_option(p)
    p.add_argument("--out", required=True, help="a .png, .svg or .html file")
    p.add_argument("--lanes", default="country", choices=["country", "place", "category"])
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("gazetteer", help="manage the offline gazetteer index")
    gsub = p.add_subparsers(dest="action", required=True)
    b = gsub.add_parser("build", help="compile the index (no-op when current)")
    b.add_argument("--force", action="store_true", help="rebuild even when current")
    b.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("demo", help="run the main job on the bundled data")
    p.add_argument("--data", default="data", help="folder with the bundled data")
    p.add_argument("--out", default="out", help="where to write the results")
    p.set_defaults(func=cmd_demo)

    add_correct_parser(sub)  # explorer correct: explorer/cli/correct.py
    add_incidents_parser(sub)  # explorer incidents: explorer/cli/incidents.py
    return parser


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is when a record comes (not the one at set-up)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # pragma: no cover - logging must never break the command
            self.handleError(record)


def configure_logging(verbose: int = 0, *, quiet: bool = False) -> None:
    """The command line's logging: the ``explorer`` loggers to standard error, warnings by
    default, ``-v`` info, ``-vv`` debug, ``-q`` errors only. (The library itself configures
    no handlers: an application that imports it decides.)"""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO)[min(verbose, 1)]
    if verbose >= 2 and not quiet:
        level = logging.DEBUG
    logger = logging.getLogger("explorer")
    logger.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("explorer: %(levelname)s: %(message)s"))
        logger.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, quiet=args.log_quiet)
    try:
        return int(args.func(args))
    except ExplorerError as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`explorer places f.txt --json | head`): not an error of ours
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
