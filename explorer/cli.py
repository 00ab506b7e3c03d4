"""The ``explorer`` command line: argument parsing only; each command calls the package API."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from explorer.errors import ExplorerError

__all__ = ["main"]


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplorerError(f"cannot read {path}: {exc}") from exc


def _dump(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False))
    out.write("\n")


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


def _cmd_geocode(args: argparse.Namespace) -> int:
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
            place = geocoder.geocode_place(query)
        except ExplorerError as exc:
            if not args.json:
                print(f"{query}: error: {exc}", file=sys.stderr)
            status = 1
            results.append({**place_json(query, None), "error": str(exc)})
            continue
        results.append(place_json(query, place))
        if not args.json:
            if place is None:
                print(f"{query}: not found")
            else:
                print(
                    f"{query}: {place.label} ({place.latitude:.4f}, {place.longitude:.4f})"
                    f" [{place.feature}]"
                )
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
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
            doc = json.loads(line)
            if not isinstance(doc, dict):
                raise ValueError("each line must be a JSON object")
            doc_id = doc.get("id")
            if not isinstance(doc.get("text"), str):
                raise ValueError("missing or non-string 'text'")
            answer = {"id": doc_id, **handle(doc)}
        except (ValueError, ExplorerError) as exc:
            answer = {"id": doc_id, "error": str(exc)}
        _dump(answer, out)
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


def _cmd_places(args: argparse.Namespace) -> int:
    from explorer.places import geoparse

    if args.jsonl:

        def handle(doc: dict[str, Any]) -> dict[str, Any]:
            found = geoparse(doc["text"], published=_published(doc))
            return {"places": [mention_json(m) for m in found]}

        run_jsonl(sys.stdin, sys.stdout, handle)
        return 0
    if args.file is None:
        raise ExplorerError("give a FILE (or - for standard input), or --jsonl")
    found = geoparse(_read_text(args.file), published=args.published)
    if args.json:
        print(json.dumps([mention_json(m) for m in found], ensure_ascii=False, indent=2))
    else:
        for m in found:
            where = "unresolved" if m.place is None else m.place.label
            flag = " (demonym)" if m.demonym else ""
            print(f"{m.start:>6}-{m.end:<6} {m.text!r}{flag} -> {where}  [{m.reason}]")
    return 0


# --- dates ---------------------------------------------------------------------------------


def _cmd_dates(args: argparse.Namespace) -> int:
    if args.jsonl:
        # JSON-ready dicts straight from the tagger: no TimeMention records to build
        from explorer.dates import dates_json

        def handle(doc: dict[str, Any]) -> dict[str, Any]:
            return {"dates": dates_json(doc["text"], published=_published(doc))}

        run_jsonl(sys.stdin, sys.stdout, handle)
        return 0
    from explorer.dates import find_dates

    if args.file is None:
        raise ExplorerError("give a FILE (or - for standard input), or --jsonl")
    found = find_dates(_read_text(args.file), published=args.published)
    if args.json:
        print(json.dumps([t.to_dict() for t in found], ensure_ascii=False, indent=2))
    else:
        for t in found:
            span = "" if t.start_date is None else f" [{t.start_date} .. {t.end_date}]"
            print(f"{t.start:>6}-{t.end:<6} {t.text!r} {t.type} {t.value}{span}")
    return 0


# --- ingest --------------------------------------------------------------------------------


def _cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from explorer.events import Corrections, ingest
    from explorer.gazetteer.store import cache_dir

    out = Path(args.out)
    corrections = Corrections(args.corrections) if args.corrections else None
    if args.dask is not None:
        return _ingest_on_dask(args, out, corrections)
    if not args.paths:
        raise ExplorerError("give at least one PATH (files, folders or globs)")
    bar = tqdm(total=0, unit="article", desc="ingest", disable=args.quiet, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    cache = None if args.no_cache else cache_dir() / "ingest-cache.sqlite"
    result = ingest(
        args.paths,
        jobs=args.jobs or 1,
        cache_path=cache,
        corrections=corrections,
        progress=progress,
    )
    bar.close()
    for item in [*result.report.skipped, *result.failed]:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    path = result.table.write(out, args.format)
    print(result.summary(), file=sys.stderr)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _ingest_on_dask(args: argparse.Namespace, out: Path, corrections: Any) -> int:
    """``ingest --dask [ADDRESS]``: the same extraction on Dask, into a Parquet folder."""
    from tqdm import tqdm

    from explorer.scale import dask_ingest

    address = args.dask or None
    if address and "://" not in address and Path(address).exists():
        # `ingest --dask data/ --out x`: the folder is an input, not a scheduler address
        args.paths.append(address)
        address = None
    if not args.paths:
        raise ExplorerError("give at least one PATH (files, folders or globs)")
    if out.suffix.lower() in (".csv", ".json", ".geojson") or (args.format or "parquet") != (
        "parquet"
    ):
        raise ExplorerError("with --dask, --out is a folder of Parquet part files")
    bar = tqdm(total=0, unit="file", desc="ingest (dask)", disable=args.quiet, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    result = dask_ingest(
        args.paths,
        out,
        address=address,
        workers=args.jobs,
        corrections=corrections,
        progress=progress,
        timeout=args.dask_timeout,
    )
    bar.close()
    for item in result.skipped:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    print(f"wrote {out} ({len(result.parts)} Parquet part file(s))", file=sys.stderr)
    return 0


# --- briefings, maps, exports --------------------------------------------------------------


def _table_from_inputs(paths: Sequence[str], quiet: bool = True) -> Any:
    """An events table from events files (.geojson, .parquet, or CSV/JSON with event_id) and
    anything `explorer ingest` reads. A single Parquet folder (``ingest --dask`` output) stays
    on disk: a DuckDB-backed :class:`explorer.scale.ParquetEvents`."""
    from explorer.events import EventTable, ingest
    from explorer.scale import is_events_dataset, open_events, read_events

    if len(paths) == 1 and Path(paths[0]).is_dir() and is_events_dataset(paths[0]):
        return open_events(paths[0])
    tables, sources = [], []
    for item in paths:
        p = Path(item)
        suffix = p.suffix.lower()
        if p.is_dir() and is_events_dataset(p):
            tables.append(read_events(p))
            continue
        is_table = suffix in (".geojson", ".parquet")
        if suffix in (".csv", ".json") and p.is_file():
            head = p.read_text(encoding="utf-8", errors="replace")[:2000]
            is_table = "event_id" in head
        if is_table:
            tables.append(EventTable.read(p))
        else:
            sources.append(item)
    if sources:
        result = ingest(sources)
        if not quiet:
            for skipped in [*result.report.skipped, *result.failed]:
                print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
        tables.append(result.table)
    return EventTable.concat(tables)


def _cmd_brief(args: argparse.Namespace) -> int:
    from explorer.export import write_briefing

    table = _table_from_inputs(args.inputs, quiet=False)
    path = write_briefing(
        table,
        args.out,
        title=args.title,
        start=args.date_from,
        end=args.date_to,
        countries=args.country or (),
        categories=args.category or (),
    )
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, opens offline)", file=sys.stderr)
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from explorer.views.map import build_map

    table = _table_from_inputs(args.inputs, quiet=False)
    fmap = build_map(
        table,
        basemap=args.basemap,
        time_slider=True,
        heatmap=True,
        assets="cdn" if args.cdn else "offline",
    )
    fmap.save(args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from explorer.export import export_table

    table = _table_from_inputs(args.inputs, quiet=False)
    if args.out is None:
        # no --out: text formats go to standard output
        fmt = args.format or "csv"
        if fmt == "parquet":
            raise ExplorerError("parquet is binary: give --out FILE")
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = export_table(table, Path(tmp) / f"events.{fmt}", fmt)
            sys.stdout.write(path.read_text(encoding="utf-8"))
        return 0
    path = export_table(table, args.out, args.format)
    print(f"wrote {path} ({len(table):,} events)", file=sys.stderr)
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    from explorer.views.timeline import build_timeline

    table = _table_from_inputs(args.inputs, quiet=False)
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".png", ".svg", ".html"):
        raise ExplorerError("the timeline is written as .png, .svg or .html")
    chart = build_timeline(table, lanes=args.lanes, brush=False)
    if suffix == ".html":
        chart.save(args.out, inline=True)
    else:
        chart.save(args.out, scale_factor=2) if suffix == ".png" else chart.save(args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


# --- gazetteer and demo --------------------------------------------------------------------


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from explorer.gazetteer import build_index, index_path

    path = build_index(force=args.force)
    print(f"gazetteer index: {path if path else index_path()}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from explorer.demo import run_demo

    run_demo(Path(args.data), Path(args.out))
    return 0


# --- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Turn news articles into dated, geocoded events.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("geocode", help="resolve place names to coordinates")
    p.add_argument("names", nargs="+", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument(
        "--backend",
        default="offline",
        help="offline (default), nominatim, photon, arcgis; online back ends need network",
    )
    p.add_argument("--user-agent", default=None, help="User-Agent for online services")
    p.add_argument("--cache", default=None, help="SQLite cache file for online answers")
    p.set_defaults(func=_cmd_geocode)

    p = sub.add_parser("places", help="find and resolve the places named in a text")
    p.add_argument("file", nargs="?", metavar="FILE", help="a text file, or - for stdin")
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="batch: JSON lines on stdin")
    p.add_argument("--published", type=_parse_date, default=None)
    p.set_defaults(func=_cmd_places)

    p = sub.add_parser("dates", help="find temporal expressions and normalise them")
    p.add_argument("file", nargs="?", metavar="FILE", help="a text file, or - for stdin")
    p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", action="store_true", help="batch: JSON lines on stdin")
    p.add_argument("--published", type=_parse_date, default=None, help="YYYY-MM-DD")
    p.set_defaults(func=_cmd_dates)

    p = sub.add_parser("ingest", help="extract the events of a corpus into one table")
    # "*" and a check in _cmd_ingest: `ingest --dask corpus/ --out x` gives --dask the folder
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or globs")
    p.add_argument(
        "--out",
        required=True,
        help="events file: .csv, .json, .geojson, .parquet; with --dask a folder of Parquet parts",
    )
    p.add_argument("--format", default=None, help="override the format given by --out")
    p.add_argument(
        "--jobs",
        type=int,
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
        help="how long to try to reach the scheduler (default 10)",
    )
    p.add_argument("--corrections", default=None, help="a corrections JSON file to apply")
    p.add_argument("--no-cache", action="store_true", help="reprocess unchanged articles")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("brief", help="a one-file briefing that opens offline")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="sources or events files")
    p.add_argument("--out", required=True)
    p.add_argument("--title", default="Briefing")
    p.add_argument("--from", dest="date_from", type=_parse_date, default=None)
    p.add_argument("--to", dest="date_to", type=_parse_date, default=None)
    p.add_argument("--country", action="append", help="ISO code; repeat for several")
    p.add_argument("--category", action="append", help="repeat for several")
    p.add_argument(
        "--offline",
        action="store_true",
        help="accepted for clarity: briefings are always self-contained, with no tile server",
    )
    p.set_defaults(func=_cmd_brief)

    p = sub.add_parser("map", help="the interactive map as one HTML file")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True)
    p.add_argument("--basemap", default="none", help="none (offline) or an xyzservices name")
    p.add_argument("--cdn", action="store_true", help="load Leaflet from CDNs instead")
    p.set_defaults(func=_cmd_map)

    p = sub.add_parser("export", help="events to csv, json, geojson, kml or parquet")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", default=None, help="a file (format from its extension); default stdout")
    p.add_argument("--format", default=None, choices=["csv", "json", "geojson", "kml", "parquet"])
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("timeline", help="the timeline as PNG or SVG (for slides) or HTML")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, help="a .png, .svg or .html file")
    p.add_argument("--lanes", default="country", choices=["country", "place", "category"])
    p.set_defaults(func=_cmd_timeline)

    p = sub.add_parser("gazetteer", help="manage the offline gazetteer index")
    gsub = p.add_subparsers(dest="action", required=True)
    b = gsub.add_parser("build", help="compile the index (no-op when current)")
    b.add_argument("--force", action="store_true", help="rebuild even when current")
    b.set_defaults(func=_cmd_gazetteer)

    p = sub.add_parser("demo", help="run the main job on the bundled data")
    p.add_argument("--data", default="data", help="folder with the bundled data")
    p.add_argument("--out", default="out", help="where to write the results")
    p.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ExplorerError as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
