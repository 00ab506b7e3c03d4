"""explorer.notebook: the notebooks' shared first cell."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from explorer.errors import ConfigurationError
from explorer.notebook import setup, show

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "notebooks"], ids=["repository", "notebooks"])
def test_setup_finds_the_data_and_the_export_folder(
    cwd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLORER_OUT", str(tmp_path / "exports"))
    data, out = setup(cwd)
    assert data == ROOT / "data" and out == tmp_path / "exports" and out.is_dir()


def test_setup_without_an_export_folder_uses_out_beside_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.delenv("EXPLORER_OUT", raising=False)
    assert tuple(setup(tmp_path / "notebooks")) == (tmp_path / "data", tmp_path / "out")


def test_setup_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no data/ folder"):
        setup(tmp_path)


def test_show_leaves_missing_values_blank_and_escapes_text() -> None:
    df = pd.DataFrame({
        "text": ["<script>alert(1)</script>", None],
        "day": pd.to_datetime(["2015-12-02", None]),
        "categories": [("military", "political"), ()],
        "score": [0.5, float("nan")],
    })  # fmt: skip
    html = show(df).to_html()
    cells = [c.split(">", 1)[1] for c in html.split("<td")[1:]]
    cells = [c.split("</td>")[0] for c in cells]
    assert cells == [
        "&lt;script&gt;alert(1)&lt;/script&gt;", "2015-12-02", "military, political", "0.50",
        "", "", "", "",
    ]  # fmt: skip


def test_show_takes_an_event_table_and_a_row_limit() -> None:
    from explorer.events import load_events_file

    table = load_events_file(ROOT / "data" / "events" / "isis_campaign_2014_2017.csv")
    assert len(show(table, rows=5).data) == 5
