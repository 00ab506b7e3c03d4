"""Scale out: ingest on Dask distributed, event tables in Parquet queried with DuckDB.

* :func:`dask_ingest`: a corpus into a folder of Parquet part files, on a LocalCluster or any
  running scheduler; the rows equal :func:`explorer.events.ingest`'s.
* :func:`open_events`: a :class:`ParquetEvents` table over such a folder (or any events
  Parquet), filtered and counted in DuckDB without loading it into memory; the Explorer panel,
  the maps, the timeline and the briefing accept it and draw aggregates.

Imported lazily: ``import explorer.scale`` loads neither Dask nor DuckDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_LAZY = {
    "dask_ingest": "explorer.scale.cluster",
    "DaskIngestResult": "explorer.scale.cluster",
    "connect": "explorer.scale.connection",
    "ParquetEvents": "explorer.scale.duck",
    "open_events": "explorer.scale.duck",
    "is_events_dataset": "explorer.scale.duck",
    "read_events": "explorer.scale.parquet",
    "to_arrow": "explorer.scale.parquet",
}

__all__ = [
    "DaskIngestResult",
    "ParquetEvents",
    "connect",
    "dask_ingest",
    "is_events_dataset",
    "open_events",
    "read_events",
    "to_arrow",
]

if TYPE_CHECKING:  # pragma: no cover
    from explorer.scale.cluster import DaskIngestResult, dask_ingest
    from explorer.scale.connection import connect
    from explorer.scale.duck import ParquetEvents, is_events_dataset, open_events
    from explorer.scale.parquet import read_events, to_arrow


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
