"""Every notebook runs top to bottom (nbclient, the project's own kernel, no network)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))
SETUP = "from explorer.notebook import setup, show"


def test_there_are_four_notebooks_and_no_stored_outputs() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_quickstart.ipynb", "02_explore.ipynb", "03_briefing.ipynb", "04_teaching.ipynb",
    ]  # fmt: skip
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in book.cells if c.cell_type == "code"), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_share_one_setup_and_save_atomically(path: Path) -> None:
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert SETUP in code[0] and "setup()" in code[0]
    assert not any(SETUP in c for c in code[1:])
    assert not any(re.search(r"\.save\(", c) for c in code)  # explorer.save_map / save_chart


def _outputs(cell: nbformat.NotebookNode) -> str:
    parts = []
    for o in cell.get("outputs", []):
        parts.append(o.get("text", ""))
        parts.extend(str(v) for v in o.get("data", {}).values())
    return "".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_OUT", str(tmp_path))
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [
        o for c in book.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert errors == []
    code = [c for c in book.cells if c.cell_type == "code"]
    tables = [o for c in code for o in _outputs(c).split("<table")[1:]]
    assert not any(re.search(r">\s*(NaN|None|NaT|nan)\s*<", t) for t in tables)  # blank instead
    if path.stem == "01_quickstart":
        assert (tmp_path / "quickstart-map.html").exists()
    if path.stem == "03_briefing":
        assert (tmp_path / "briefing-iraq.html").exists()
        assert (tmp_path / "briefing-map.html").exists()
        assert str(tmp_path / "briefing-iraq.html") in _outputs(code[2])  # says where it wrote
    if path.stem == "04_teaching":
        assert all(_outputs(c).strip() for c in code[1:]), "every experiment shows something"
        timex = _outputs(code[1])
        for value in ["2015-W48", "P3M", "PXM", "199", "2016-SP", "PAST_REF"]:
            assert f">{value}<" in timex
        assert "XXXX-WXX" in "".join(_outputs(c) for c in code)
