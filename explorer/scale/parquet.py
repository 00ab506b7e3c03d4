"""Events as Arrow and partitioned Parquet: one fixed schema for every part file.

An events dataset is a folder of part files (``part-000000.parquet``, ``part-000001.parquet``,
...) that share :func:`arrow_schema`; read back in name order they give the rows in ingest
order. Dates are stored as ``date32`` (DuckDB compares them with ``DATE`` parameters), the
categories as a list of strings. :func:`to_arrow` and :func:`read_events` convert to and from
an :class:`~explorer.events.EventTable` without loss.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from explorer.errors import TableError
from explorer.events.schema import COLUMNS, ColumnKind
from explorer.events.table import EventTable

__all__ = [
    "PartWriter",
    "arrow_schema",
    "dataset_files",
    "read_events",
    "replace_dir",
    "to_arrow",
]

_TYPES: dict[ColumnKind, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "list": pa.list_(pa.string()),
}


def arrow_schema() -> pa.Schema:
    """The Arrow schema of an events table (column order and types of :data:`COLUMNS`)."""
    return pa.schema([pa.field(name, _TYPES[kind]) for name, kind in COLUMNS.items()])


def to_arrow(table: EventTable) -> pa.Table:
    """The table as Arrow with :func:`arrow_schema` (missing values as nulls)."""
    df = table.df.copy()
    df["categories"] = df["categories"].map(list)
    for name, kind in COLUMNS.items():
        if kind == "date":
            df[name] = df[name].dt.date.astype(object).where(df[name].notna(), None)
    return pa.Table.from_pandas(df, schema=arrow_schema(), preserve_index=False)


def dataset_files(path: str | Path) -> list[Path]:
    """The Parquet files of a dataset: the file itself, or a folder's ``*.parquet`` files
    (recursively, in name order)."""
    p = Path(path)
    if p.is_file():
        return [p]
    if p.is_dir():
        return sorted(
            f
            for f in p.rglob("*.parquet")
            if f.is_file()
            and not any(part.startswith((".", "_")) for part in f.relative_to(p).parts)
        )
    raise TableError(f"no such events dataset: {p}")


def read_events(path: str | Path) -> EventTable:
    """A whole dataset (a Parquet file or a folder of part files) as one EventTable."""
    files = dataset_files(path)
    if not files:
        return EventTable()
    try:
        tables = [pq.read_table(f) for f in files]
        frame = pa.concat_tables(tables, promote_options="permissive").to_pandas()
    except (OSError, pa.ArrowException) as exc:
        raise TableError(f"cannot read events dataset {path}: {exc}") from exc
    return EventTable(frame)


class PartWriter:
    """Appends Arrow tables to part files of about ``rows_per_part`` rows each, in order."""

    def __init__(self, folder: Path, *, rows_per_part: int = 250_000) -> None:
        self.folder = folder
        self.rows_per_part = rows_per_part
        self.parts: list[Path] = []
        self.rows = 0
        self._writer: pq.ParquetWriter | None = None
        self._in_part = 0
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        table = table.cast(arrow_schema())
        if self._writer is None or self._in_part >= self.rows_per_part:
            self._roll()
        assert self._writer is not None
        self._writer.write_table(table, row_group_size=64_000)
        self._in_part += table.num_rows
        self.rows += table.num_rows

    def _roll(self) -> None:
        if self._writer is not None:
            self._writer.close()
        path = self.folder / f"part-{len(self.parts):06d}.parquet"
        self._writer = pq.ParquetWriter(path, arrow_schema(), compression="zstd")
        self.parts.append(path)
        self._in_part = 0

    def finish_part(self) -> list[Path]:
        """Close the part being written (the next rows start a new one): the parts so far can
        be read. Returns them."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        return list(self.parts)

    def close(self) -> list[Path]:
        """Finish the last part (an empty dataset still gets one part file, with the schema)."""
        if self._writer is None and not self.parts:
            self._roll()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        return self.parts


def write_parts(folder: Path, tables: Iterable[pa.Table], rows_per_part: int = 250_000) -> int:
    writer = PartWriter(folder, rows_per_part=rows_per_part)
    for t in tables:
        writer.write(t)
    writer.close()
    return writer.rows


def replace_dir(built: Path, target: Path) -> None:
    """Put the folder ``built`` at ``target``, replacing a previous events dataset there.

    A folder that holds anything but Parquet part files is not ours: it is left alone (an
    error). The swap is two renames, so a failure leaves either the old or the new dataset.
    """
    if target.exists():
        if not target.is_dir():
            raise TableError(f"{target} exists and is not a folder")
        foreign = [f for f in target.rglob("*") if f.is_file() and f.suffix != ".parquet"]
        if foreign:
            raise TableError(
                f"{target} holds files that are not Parquet parts ({foreign[0].name}); "
                "give a new or empty folder"
            )
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
        os.replace(built, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(built, target)
