"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from explorer.errors import ExplorerError

__all__ = ["check_inputs", "dump", "out_file", "parse_date", "positive_int", "read_text"]


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplorerError(f"cannot read {path}: {exc}") from exc


def dump(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False))
    out.write("\n")


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


_GLOB = re.compile(r"[*?\[]")


def check_inputs(paths: Sequence[str]) -> None:
    """Every input must exist (a glob must match something): a misspelt path is an error, not
    an empty result written with exit status 0."""
    missing = []
    for item in paths:
        if _GLOB.search(item):
            found = glob.glob(item, recursive=True)
            if not found:
                missing.append(f"{item} (matches nothing)")
        elif not Path(item).exists():
            missing.append(item)
    if missing:
        raise ExplorerError("no such file or folder: " + ", ".join(missing))


def out_file(path: str, suffixes: Sequence[str], what: str) -> Path:
    """``--out`` checked before any work: one of ``suffixes``; its folder is created."""
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise ExplorerError(f"{what} is written as {' or '.join(suffixes)}, not {path!r}")
    if p.is_dir():
        raise ExplorerError(f"--out {path} is a folder; give a file name")
    p.parent.mkdir(parents=True, exist_ok=True)
    return p
