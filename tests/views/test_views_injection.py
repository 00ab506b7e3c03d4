"""Article text is data, never template source: a map built from text holding Jinja syntax runs
nothing and shows the text literally, and a failed or killed write keeps the previous map."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from explorer.cli import main
from explorer.events import EventTable
from explorer.views.aggregate_map import aggregate_of, map_from_aggregates
from explorer.views.map import build_map
from explorer.views.offline import offline_map_html
from explorer.views.save import save_chart, save_map
from explorer.views.timeline import build_timeline


def hostile(marker: Path) -> str:
    # the classic Jinja escape to the shell, plus syntax that breaks a template if compiled
    run = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}"
    return f"Raid {{{{7*7}}}} {run} {{% raw %}} {{{{citation needed}}}} {{# c ${{x}} \\u0041"


def page_texts(page: str) -> list[str]:
    found = re.search(r'<script type="application/json" id="explorer-texts">(.*?)</script>', page)
    assert found is not None
    texts: list[str] = json.loads(found.group(1))
    return texts


def events(text: str, n: int = 3) -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": f"e{i}", "article_id": "a", "title": text, "sentence": text,
             "place_name": f"Mosul {text}", "place_text": "Mosul", "country_code": "IQ",
             "latitude": 36.34 + (i % 5) / 10, "longitude": 43.12, "source": text,
             "start_date": dt.date(2016, 10, 17), "end_date": dt.date(2016, 10, 17),
             "granularity": "day", "categories": ("military", text),
             "origin_event_id": None if i == 0 else "e0"}
            for i in range(n)
        ]
    )  # fmt: skip


BUILDS: dict[str, Callable[[EventTable], Any]] = {
    "markers": lambda t: build_map(t, time_slider=True, heatmap=True),
    "unclustered": lambda t: build_map(t, cluster=False, time_slider=True),
    "one marker per point": lambda t: build_map(t, fast_threshold=1),
    "aggregates": lambda t: build_map(t, aggregate_threshold=1),
    "aggregates, pure": lambda t: map_from_aggregates(aggregate_of(t)),
    "cdn assets": lambda t: build_map(t, assets="cdn"),
}


@pytest.mark.parametrize("build", list(BUILDS), ids=list(BUILDS))
def test_article_text_never_runs_as_a_template(build: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = hostile(marker)
    page = BUILDS[build](events(text, 12)).get_root().render()
    assert not marker.exists()  # no command ran
    assert "49" not in "".join(page_texts(page))
    assert any("{{7*7}}" in t and "{{citation needed}}" in t for t in page_texts(page))
    # nothing of the article is in the page outside its texts
    outside = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert "cycler" not in outside and "citation needed" not in outside


def test_the_texts_cannot_end_their_script_element(tmp_path: Path) -> None:
    page = build_map(events("</script><script>alert(1)</script> <!-- x")).get_root().render()
    block = re.search(r'<script type="application/json" id="explorer-texts">(.*?)</script>', page)
    assert block is not None and "alert(1)" in block.group(1)
    assert "<script>alert(1)" not in page


def test_offline_html_of_a_map_carries_its_texts(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    page = offline_map_html(build_map(events(hostile(marker))))
    assert any("{{7*7}}" in t for t in page_texts(page)) and not marker.exists()


def test_the_panel_map_and_its_export_run_nothing(tmp_path: Path) -> None:
    from explorer.views.panel import Explorer

    marker = tmp_path / "pwned"
    panel = Explorer(events(hostile(marker)), out_dir=tmp_path)
    assert "{{7*7}}" in panel.map_html() or "{{7*7}}" in panel.map_html().replace("&#x27;", "'")
    saved = panel.save_map(tmp_path / "m.html")
    assert any("{{7*7}}" in t for t in page_texts(saved.read_text(encoding="utf-8")))
    assert not marker.exists()


def write_article(folder: Path, body: str) -> Path:
    path = folder / "a.md"
    path.write_text(
        f"---\ntitle: 'Talks {{{{7*7}}}}'\npublished: 2016-10-18\nsource: Wire\n---\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_explorer_map_of_a_hostile_article(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    article = write_article(
        tmp_path, f"Troops entered Mosul on Monday. {hostile(marker)} They held Mosul."
    )
    out = tmp_path / "map.html"
    assert main(["map", str(article), "--out", str(out)]) == 0
    texts = page_texts(out.read_text(encoding="utf-8"))
    assert any("{{7*7}}" in t and "{{citation needed}}" in t for t in texts)
    assert not marker.exists()


def test_a_failed_map_write_keeps_the_previous_map(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "map.html"
    out.write_text("the previous map", encoding="utf-8")
    fmap = build_map(events("x"))

    def broken(**_: Any) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(fmap.get_root(), "render", broken)
    with pytest.raises(RuntimeError):
        save_map(fmap, out)
    assert out.read_text(encoding="utf-8") == "the previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary left


_KILLED_MID_WRITE = """
import os, signal, sys
from pathlib import Path
import explorer.files as files
from explorer.events import EventTable
from explorer.views.map import build_map
from explorer.views.save import save_map

real = Path.write_text
def write_then_die(self, text, *a, **k):
    real(self, text[: len(text) // 2], *a, **k)  # half the page is on disk...
    os.kill(os.getpid(), signal.SIGKILL)  # ...when the process is killed
Path.write_text = write_then_die
table = EventTable.from_records([{"event_id": "e", "latitude": 1.0, "longitude": 2.0}])
save_map(build_map(table), sys.argv[1])
"""


def test_a_map_write_killed_midway_keeps_the_previous_map(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    out.write_text("the previous map", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(out)], capture_output=True, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == "the previous map"


@pytest.mark.parametrize("suffix", ["html", "svg", "png"])
def test_charts_are_written_whole(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"timeline.{suffix}"
    out.write_bytes(b"previous")
    save_chart(build_timeline(events("x")), out)
    data = out.read_bytes()
    assert data != b"previous" and len(data) > 100
    assert sorted(os.listdir(tmp_path)) == [out.name]
