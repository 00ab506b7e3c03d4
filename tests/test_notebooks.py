"""Every notebook runs top to bottom (nbclient, the project's own kernel, no network)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_four_notebooks_and_no_stored_outputs() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_quickstart.ipynb", "02_explore.ipynb", "03_briefing.ipynb", "04_teaching.ipynb",
    ]  # fmt: skip
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in book.cells if c.cell_type == "code"), path.name


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
    if path.stem == "03_briefing":
        assert (tmp_path / "briefing-map.html").exists()
