"""``explorer ingest`` (one process, worker processes or Dask), ``brief``, ``map``, ``export``,
``timeline``, ``gazetteer`` and ``demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from explorer.cli.common import check_inputs, out_file
from explorer.errors import ExplorerError

__all__ = [
    "cmd_brief",
    "cmd_demo",
    "cmd_export",
    "cmd_gazetteer",
    "cmd_ingest",
    "cmd_map",
    "cmd_timeline",
]


# --- ingest --------------------------------------------------------------------------------


def _progress_bar(desc: str, unit: str, *, quiet: bool) -> tuple[Any, Callable[[int, int], None]]:
    """A tqdm bar on standard error and its ``progress(done, total)``; none when ``quiet`` or
    when standard error is not a terminal (piped, a log file: tqdm's ``disable=None``)."""
    from tqdm import tqdm

    bar = tqdm(total=0, unit=unit, desc=desc, disable=True if quiet else None, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, progress


def cmd_ingest(args: argparse.Namespace) -> int:

    from explorer.corpus import ingest
    from explorer.events import Corrections
    from explorer.files import cache_dir
    from explorer.incidents.table import incidents_path

    out = Path(args.out)
    if args.corrections and not Path(args.corrections).is_file():
        raise ExplorerError(f"no such corrections file: {args.corrections}")
    corrections = Corrections(args.corrections) if args.corrections else None
    if args.lexicon is not None:
        if args.dask is not None:
            raise ExplorerError("--lexicon works without --dask only (for now)")
        from explorer.events.categories import load_lexicon

        load_lexicon(args.lexicon)  # a bad file is an error before the work, not after
    if args.dask is not None:
        return _ingest_on_dask(args, out, corrections)
    if not args.paths:
        raise ExplorerError("give at least one PATH (files, folders or globs)")
    check_inputs(args.paths)
    from explorer.events.table import FORMATS

    fmt = (args.format or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:  # checked before the work, not after it
        raise ExplorerError(
            f"cannot write events as {fmt or out.name!r}: give --out FILE.csv, .json, "
            ".geojson or .parquet (or --format)"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    bar, progress = _progress_bar("ingest", "article", quiet=args.quiet)

    cache = None if args.no_cache else cache_dir() / "ingest-cache.sqlite"
    result = ingest(
        args.paths,
        jobs=args.jobs or 1,
        cache_path=cache,
        corrections=corrections,
        progress=progress,
        exclude=[out, incidents_path(out)],  # outputs inside an input folder are not read
        incidents=not args.no_incidents,
    )
    bar.close()
    for line in result.messages():
        print(line, file=sys.stderr)
    table = with_lexicon(result.table, args.lexicon)
    path = table.write(out, args.format, csv_formulas=args.csv_formulas)
    print(result.summary(), file=sys.stderr)
    print(f"wrote {path}", file=sys.stderr)
    if result.incidents is not None:  # next to the events: events.csv -> events.incidents.csv
        where = result.incidents.write(
            incidents_path(path), args.format, csv_formulas=args.csv_formulas
        )
        print(f"wrote {where} ({len(result.incidents)} incidents)", file=sys.stderr)
    return 0


def _ingest_on_dask(args: argparse.Namespace, out: Path, corrections: Any) -> int:
    """``ingest --dask [ADDRESS]``: the same extraction on Dask, into a Parquet folder."""

    from explorer.scale import dask_ingest
    from explorer.scale.incidents import dataset_incidents_path

    address = args.dask or None
    if address and "://" not in address and Path(address).exists():
        # `ingest --dask data/ --out x`: the folder is an input, not a scheduler address
        args.paths.append(address)
        address = None
    if not args.paths:
        raise ExplorerError("give at least one PATH (files, folders or globs)")
    check_inputs(args.paths)
    if out.suffix.lower() in (".csv", ".json", ".geojson") or (args.format or "parquet") != (
        "parquet"
    ):
        raise ExplorerError("with --dask, --out is a folder of Parquet part files")
    bar, progress = _progress_bar("ingest (dask)", "file", quiet=args.quiet)

    result = dask_ingest(
        args.paths,
        out,
        address=address,
        workers=args.jobs,
        corrections=corrections,
        progress=progress,
        timeout=args.dask_timeout,
        exclude=[out, dataset_incidents_path(out)],
        incidents=not args.no_incidents,
    )
    bar.close()
    for line in result.messages():
        print(line, file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    print(f"wrote {out} ({len(result.parts)} Parquet part file(s))", file=sys.stderr)
    if result.incidents_file is not None:  # events.parquet/ -> events.incidents.parquet
        print(f"wrote {result.incidents_file} ({result.incidents} incidents)", file=sys.stderr)
    return 0


# --- briefings, maps, exports --------------------------------------------------------------


def _table_from_inputs(paths: Sequence[str], quiet: bool = True) -> Any:
    """An events table from events files (.geojson, .parquet, or CSV/JSON with event_id) and
    anything `explorer ingest` reads. A single Parquet folder (``ingest --dask`` output) stays
    on disk: a DuckDB-backed :class:`explorer.scale.ParquetEvents`."""
    return _inputs(paths, quiet)[0]


def _inputs(paths: Sequence[str], quiet: bool = True, incidents: bool = False) -> Any:
    """:func:`_table_from_inputs`, and with ``incidents`` the incidents of the articles among
    the inputs (``None`` when there are none: events files carry theirs beside them)."""
    from explorer.corpus import ingest
    from explorer.events import EventTable, is_events_table
    from explorer.scale import is_events_dataset, open_events, read_events

    check_inputs(paths)
    if len(paths) == 1 and Path(paths[0]).is_dir() and is_events_dataset(paths[0]):
        return open_events(paths[0]), None
    tables, sources = [], []
    for item in paths:
        p = Path(item)
        suffix = p.suffix.lower()
        if p.is_dir() and is_events_dataset(p):
            tables.append(read_events(p))
            continue
        if (
            p.is_file()
            and suffix in (".csv", ".json", ".geojson", ".parquet")
            and is_events_table(p)
        ):
            tables.append(EventTable.read(p))
        else:
            sources.append(item)
    found = None
    if sources:
        result = ingest(sources, incidents=incidents)
        if not quiet:
            for line in result.messages():
                print(line, file=sys.stderr)
        if not result.report.articles and not len(result.table) and not tables:
            raise ExplorerError(
                "nothing to read in " + ", ".join(paths) + " (no articles and no events)"
            )
        tables.append(result.table)
        if result.report.articles:
            found = result.incidents
    return EventTable.concat(tables), found


def with_lexicon(table: Any, path: str | None) -> Any:
    """The table with its categories found again with the user's lexicon (``--lexicon``)."""
    if path is None:
        return table
    from explorer.events import EventTable
    from explorer.events.categories import load_lexicon, recategorise

    lexicon = load_lexicon(path)
    if not isinstance(table, EventTable):
        raise ExplorerError(
            "--lexicon re-reads each event's sentence, which needs the events in memory, not "
            "a Parquet folder: export the events to a file first"
        )
    return recategorise(table, lexicon)


def _say_what_is_drawn(table: Any, drawn: int | None = None, what: str = "events") -> None:
    """A line on standard error when a view shows nothing, or less than the whole table."""
    n = len(table)
    if n == 0:
        print(f"warning: no {what} to show (the filters match nothing)", file=sys.stderr)
    elif drawn is not None and drawn < n:
        print(f"note: {n - drawn:,} of {n:,} {what} not shown ({_why_not(table)})",
              file=sys.stderr)  # fmt: skip


def _why_not(table: Any) -> str:
    return "no coordinates" if hasattr(table, "df") else "not placed or not dated"


def _placed(table: Any) -> int | None:
    df = getattr(table, "df", None)
    return None if df is None else int((df["latitude"].notna() & df["longitude"].notna()).sum())


def _with_incidents(args: argparse.Namespace) -> tuple[Any, Any]:
    """The events ``map`` and ``brief`` draw, and their incidents: :func:`incidents_for`,
    else those of the articles among the inputs (found as ``explorer ingest`` finds them)."""
    want = not getattr(args, "mentions", False) and not args.incidents
    table, found = _inputs(args.inputs, quiet=False, incidents=want)
    table = with_lexicon(table, args.lexicon)
    given = incidents_for(args)
    return table, given if given is not None else found


def incidents_for(args: argparse.Namespace) -> Any:
    """The incidents ``map`` and ``brief`` draw: ``--incidents FILE``, else the
    ``EVENTS.incidents.EXT`` that ``explorer ingest`` wrote next to a single events file
    (when it exists); None with ``--mentions`` or when there is none."""
    from explorer.incidents.table import IncidentTable, incidents_path

    if getattr(args, "mentions", False):
        if args.incidents:
            raise ExplorerError("give --incidents FILE or --mentions, not both")
        return None
    if args.incidents:
        if not Path(args.incidents).is_file():
            raise ExplorerError(f"no such incidents file: {args.incidents}")
        return IncidentTable.read(args.incidents)
    if len(args.inputs) != 1 or not Path(args.inputs[0]).is_file():
        return None
    beside = incidents_path(args.inputs[0])
    if not beside.is_file():
        return None
    print(f"incidents from {beside} (--mentions: mentions only)", file=sys.stderr)
    return IncidentTable.read(beside)


def cmd_brief(args: argparse.Namespace) -> int:
    from explorer.export import write_briefing

    out_file(args.out, (".html", ".htm"), "a briefing")
    table, incidents = _with_incidents(args)
    path = write_briefing(
        table,
        args.out,
        title=args.title,
        start=args.date_from,
        end=args.date_to,
        countries=args.country or (),
        categories=args.category or (),
        incidents=incidents,
    )
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, opens offline)", file=sys.stderr)
    from explorer.events import Criteria, EventTable, filter_events

    chosen = Criteria(start=args.date_from, end=args.date_to, countries=args.country or (),
                      categories=args.category or ())  # fmt: skip
    kept = filter_events(table, chosen) if isinstance(table, EventTable) else table.filter(chosen)
    if len(kept) == 0:
        print("warning: the briefing holds no events (the filters match nothing)", file=sys.stderr)
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from explorer.views.map import build_map

    out = out_file(args.out, (".html", ".htm"), "the map")
    table, incidents = _with_incidents(args)
    if incidents is not None:
        return _incident_map(args, out, table, incidents)
    fmap = build_map(
        table,
        basemap=args.basemap,
        time_slider=True,
        heatmap=True,
        assets="cdn" if args.cdn else None,  # None: the EXPLORER_ASSETS switch
    )
    from explorer.views.save import save_map

    save_map(fmap, out)
    print(f"wrote {out}", file=sys.stderr)
    _say_what_is_drawn(table, _placed(table))
    return 0


def _incident_map(args: argparse.Namespace, out: Path, table: Any, incidents: Any) -> int:
    """``explorer map`` of incidents: one marker per incident, its reports from the events."""
    from explorer.events import EventTable
    from explorer.views.incidents_map import incident_map
    from explorer.views.save import save_map

    events = table if isinstance(table, EventTable) else None
    fmap = incident_map(incidents, events, basemap=args.basemap,
                        assets="cdn" if args.cdn else None)  # fmt: skip
    save_map(fmap, out)
    print(f"wrote {out} ({len(incidents):,} incidents)", file=sys.stderr)
    placed = int(incidents.df["latitude"].notna().sum())
    _say_what_is_drawn(incidents, placed, what="incidents")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from explorer.export import export_table

    table = with_lexicon(_table_from_inputs(args.inputs, quiet=False), args.lexicon)
    if args.out is None:
        # no --out: text formats go to standard output
        fmt = args.format or "csv"
        if fmt == "parquet":
            raise ExplorerError("parquet is binary: give --out FILE")
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = export_table(
                table, Path(tmp) / f"events.{fmt}", fmt, csv_formulas=args.csv_formulas
            )
            with path.open(encoding="utf-8", newline="") as fh:  # CRs inside cells kept
                sys.stdout.write(fh.read())
        return 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    path = export_table(table, args.out, args.format, csv_formulas=args.csv_formulas)
    kind = (args.format or path.suffix.lstrip(".")).lower()
    written = _placed(table) if kind == "kml" else len(table)
    if written is not None and written < len(table):
        print(f"wrote {path} ({written:,} of {len(table):,} events: KML holds only events with "
              "coordinates)", file=sys.stderr)  # fmt: skip
    else:
        print(f"wrote {path} ({len(table):,} events)", file=sys.stderr)
    if len(table) == 0:
        print("warning: no events to export", file=sys.stderr)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from explorer.views.save import save_chart
    from explorer.views.timeline import build_timeline

    out = out_file(args.out, (".png", ".svg", ".html"), "the timeline")
    table = with_lexicon(_table_from_inputs(args.inputs, quiet=False), args.lexicon)
    chart = build_timeline(table, lanes=args.lanes, brush=False)
    # HTML: Vega inlined (or from a CDN with EXPLORER_ASSETS=cdn); article text cannot close
    # the page's <script>. Every format replaces the file only once it is complete.
    save_chart(chart, out)
    print(f"wrote {out}", file=sys.stderr)
    df = getattr(table, "df", None)
    _say_what_is_drawn(table, None if df is None else int(df["start_date"].notna().sum()))
    return 0


# --- gazetteer and demo --------------------------------------------------------------------


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from explorer.gazetteer import build_index, index_path

    path = build_index(force=args.force)
    print(f"gazetteer index: {path if path else index_path()}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from explorer.demo import run_demo

    run_demo(Path(args.data), Path(args.out))
    return 0
