"""Finding the files under a folder, and those a recursive glob (``corpus/**/*.txt``) names.

Symbolic links to folders are followed, except one that leads back to a folder being walked (a
loop): it gets a notice and is not followed again. A folder reached twice by different links is
walked once. A folder that cannot be read, a symbolic link to nothing and a loop of links are
reported, one line each; the walk goes on. Names starting with a dot are not looked at.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Walk", "link_problem", "walk_files", "walk_glob"]


@dataclass
class Walk:
    """Files found; folders that could not be read (``skipped``), links leading to no file
    (``links``: dangling, loops) and links not followed (``notes``), as ``(path, reason)``."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def link_problem(path: Path) -> str | None:
    """Why ``path``, a symbolic link, leads to no file: dangling, or a loop (None: it does)."""
    try:
        os.stat(path)
    except OSError as exc:
        target = _target(path)
        if exc.errno == errno.ELOOP:
            return f"a loop of symbolic links ({target})"
        if exc.errno == errno.ENOENT:
            return f"a symbolic link to {target}, which does not exist"
        return f"cannot follow this symbolic link: {exc.strerror or exc}"
    return None


def _target(path: Path) -> str:
    try:
        return repr(os.readlink(path))
    except OSError:  # pragma: no cover - a link removed meanwhile
        return "?"


def walk_files(root: Path, wanted: Callable[[str], bool] = lambda name: True) -> Walk:
    """The files under ``root`` whose name is ``wanted``, and what could not be walked."""
    out = Walk()
    try:
        st = os.stat(root)
    except OSError as exc:
        out.skipped.append((str(root), f"cannot read this folder: {exc.strerror or exc}"))
        return out
    start = (st.st_dev, st.st_ino)
    visited = {start}
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset([start]))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            out.skipped.append((str(folder), f"cannot read this folder: {exc.strerror or exc}"))
            continue
        folders: list[tuple[Path, frozenset[tuple[int, int]]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            key: tuple[int, int] | None = None
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                if is_dir:
                    info = entry.stat()
                    key = (info.st_dev, info.st_ino)
            except OSError:
                is_file = False
            if key is not None:
                if key in ancestors:
                    out.notes.append(
                        (
                            str(path),
                            f"a symbolic link back to {_target(path)}: a loop, not followed",
                        )
                    )
                elif key not in visited:
                    visited.add(key)
                    folders.append((path, ancestors | {key}))
            elif is_file:
                if wanted(entry.name):
                    out.files.append(path)
            elif entry.is_symlink() and (problem := link_problem(path)) is not None:
                out.links.append((str(path), problem))
        stack.extend(reversed(folders))
    return out


def walk_glob(pattern: str) -> Walk:
    """The files a pattern with ``**`` matches (``**`` is any number of folders, ``*``, ``?`` and
    ``[...]`` match within one name, as :func:`glob.glob` with ``recursive=True``), walked with
    :func:`walk_files` so that loops of links end and problems are reported."""
    parts = Path(pattern).parts
    fixed = 0
    while fixed < len(parts) - 1 and not any(ch in parts[fixed] for ch in "*?["):
        fixed += 1
    base = Path(*parts[:fixed]) if fixed else Path(".")
    rest = tuple("**" if "**" in p and p.strip("*") == "" else p for p in parts[fixed:])
    out = Walk()
    if not base.is_dir():
        return out
    found = walk_files(base)
    out.skipped, out.notes = found.skipped, found.notes
    out.files = [f for f in found.files if _match(f.relative_to(base).parts, rest)]
    out.links = [  # those the pattern names, or that may have been a folder
        (link, reason)
        for link, reason in found.links
        if _match(Path(link).relative_to(base).parts, rest) or not Path(link).suffix
    ]
    return out


def _match(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_match(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return (
        bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _match(parts[1:], pattern[1:])
    )
