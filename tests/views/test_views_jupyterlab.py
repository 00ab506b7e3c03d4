"""A real client: JupyterLab on a loopback port, 02_explore opened in headless Chromium, all cells
run from the Run menu, every request that does not go to JupyterLab blocked; the map, the chart
and the panel must draw, the date slider must change the map and the table, and a country
filter the panel's timeline. One JupyterLab and one run of the notebook for the module's tests
(in order: they share the panel)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Debian's chromium is not installed (make test installs it as root)",
    ),
]
ROOT = Path(__file__).parents[2]
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_path = tmp_path_factory.mktemp("lab")
    work = tmp_path / "work"
    shutil.copytree(ROOT / "notebooks", work / "notebooks")  # the run autosaves outputs: a copy
    shutil.copytree(ROOT / "data", work / "data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # start the notebook's kernel without asking: under load JupyterLab may otherwise show its
    # "Select Kernel" dialog, which blocks "Run All Cells"
    tracker = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"autoStartDefaultKernel": true}')
    jupyter = Path(sys.executable).parent / "jupyter"
    env = dict(os.environ, EXPLORER_OUT=str(tmp_path / "out"))
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--allow-root",
         f"--ServerApp.root_dir={work}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
         f"--LabApp.user_settings_dir={tmp_path / 'settings'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/api", timeout=1)
                break
            except OSError:
                time.sleep(0.25)  # waiting for a server to start, not a timed assertion
        else:
            pytest.fail("JupyterLab did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


def _accept_dialogs(page: Any) -> None:
    """Confirm any JupyterLab dialog (e.g. "Select Kernel" with the notebook's own kernel)."""
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    while accept.count():
        accept.first.click()


def _wait_for_idle_kernel(page: Any, timeout_s: float = 120) -> None:
    idle = page.get_by_text("Kernel status: Idle").first
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        _accept_dialogs(page)
        try:
            idle.wait_for(state="attached", timeout=2_000)
            return
        except playwright.TimeoutError:
            continue
    page.screenshot(path="/tmp/lab_fail.png")
    pytest.fail("the notebook's kernel did not start (screenshot: /tmp/lab_fail.png)")


_STARTED = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""


def _run_all_cells(page: Any, attempts: int = 3) -> None:
    """Run > Run All Cells, until the first cell is queued or run: a click that lands while
    JupyterLab is still wiring the kernel to the notebook can be lost (seen under load)."""
    for _ in range(attempts):
        _accept_dialogs(page)
        page.get_by_text("Run", exact=True).first.click()
        page.get_by_text("Run All Cells", exact=True).click()
        _accept_dialogs(page)
        try:
            page.wait_for_function(_STARTED, timeout=15_000)
            return
        except playwright.TimeoutError:
            page.keyboard.press("Escape")  # close the menu if it is still open
    page.screenshot(path="/tmp/lab_fail.png")
    pytest.fail("Run All Cells did not start the notebook (screenshot: /tmp/lab_fail.png)")


# "done": every code cell ran; "stalled": the kernel is idle but cells are left unrun;
# "lost": a widget could not be drawn; false while cells are queued or running
_STATE = """() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  if ([...document.querySelectorAll('.jp-OutputArea-output')]
      .some(o => o.textContent.includes('Error displaying widget'))) return 'lost';
  if (prompts.some(t => t.includes('*'))) return false;
  if (prompts.every(t => /\\[\\d+\\]/.test(t))) return 'done';
  const idle = document.body.textContent.includes('Kernel status: Idle');
  return prompts.some(t => /\\[\\d+\\]/.test(t)) && idle ? 'stalled' : false;
}"""


def _restart_and_clear(page: Any) -> None:
    _accept_dialogs(page)
    page.get_by_text("Kernel", exact=True).first.click()
    page.get_by_text(re.compile(r"^Restart Kernel and Clear Outputs of All Cells")).click()
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    accept.first.wait_for(timeout=30_000)
    accept.first.click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .every(p => !/\\d|\\*/.test(p.textContent))""",
        timeout=30_000,
    )
    _wait_for_idle_kernel(page)


def _run_until_the_panel_draws(page: Any, attempts: int = 3) -> None:
    """Run all cells until every cell has run and the panel's map is attached.

    Two start-up races of JupyterLab, both seen under load on a fresh machine, are recovered
    from as a user would, by restarting the kernel (clearing outputs) and running all again:
    a run that stops after the first cell with the kernel idle, and a panel that shows "Error
    displaying widget: model not found" (the kernel's first widget messages reached JupyterLab
    before its widget manager was attached to the kernel)."""
    state = None
    for attempt in range(attempts):
        if attempt:
            warnings.warn(f"JupyterLab run {state}: restart and run again", stacklevel=2)
            _restart_and_clear(page)
        _run_all_cells(page)
        try:
            handle = page.wait_for_function(_STATE, timeout=180_000, polling=500)
            state = handle.json_value()
        except playwright.TimeoutError:
            state = "timed out"
            break
        if state == "done":
            try:
                page.wait_for_selector(
                    ".explorer-map .leaflet-container", state="attached", timeout=60_000
                )
                return
            except playwright.TimeoutError:
                state = "without a map"
    page.screenshot(path="/tmp/lab_fail.png")
    pytest.fail(f"the Explorer panel did not draw ({state}; screenshot: /tmp/lab_fail.png)")


@dataclass
class Lab:
    page: Any
    blocked: list[str] = field(default_factory=list)  # requests that left JupyterLab


@pytest.fixture(scope="module")
def panel(lab: str) -> Iterator[Lab]:
    """02_explore run in JupyterLab, its panel drawn. The network outside JupyterLab is blocked
    by Chromium itself (a proxy that does not exist; loopback bypasses it), which costs
    nothing per request: routing every request of JupyterLab through playwright slows its start
    enough to lose the kernel's first widget messages. Requests that leave it are recorded."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=ARGS,
            proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"},
        )  # fmt: skip
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        state = Lab(page)

        def record(request: Any) -> None:
            if not request.url.startswith((lab, "data:", "blob:")):
                state.blocked.append(request.url)

        page.on("request", record)
        page.goto(f"{lab}/lab/tree/notebooks/02_explore.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        # the kernel must be up before "Run All Cells", or the run is lost
        _wait_for_idle_kernel(page)
        _run_until_the_panel_draws(page)
        yield state
        browser.close()


_VERSION = "() => document.querySelector('.explorer-map').dataset.version"
# what the timeline shows: its canvas's pixels (or its SVG)
_TIMELINE = """() => {
  const chart = document.querySelector('.explorer-timeline');
  const canvas = chart && chart.querySelector('canvas');
  if (canvas) return canvas.toDataURL();
  const svg = chart && chart.querySelector('svg');
  return svg ? svg.outerHTML : null;
}"""


def test_explore_notebook_in_jupyterlab(panel: Lab) -> None:
    page = panel.page
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg", state="attached", timeout=60_000)
    errors = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0
    page.locator(".explorer-map .leaflet-container").first.wait_for(timeout=30_000)
    page.wait_for_selector(
        ".explorer-map path.leaflet-interactive, .explorer-map .explorer-cluster", timeout=30_000
    )
    assert page.locator(".explorer-map canvas").count() > 0  # the country outlines

    count = page.locator(".explorer-count b").first
    before_count = count.inner_text()
    before_map = page.evaluate(_VERSION)
    before_table = page.locator(".explorer-table").first.inner_text()
    handle = page.locator(".widget-selection-range-slider .noUi-handle, .noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 400, box["y"] + box["height"] / 2, steps=10)
    page.mouse.up()
    page.wait_for_function(
        "t => document.querySelector('.explorer-count b').innerText !== t", arg=before_count,
        timeout=30_000,
    )  # fmt: skip
    page.wait_for_function(
        f"v => ({_VERSION})() !== v", arg=before_map, timeout=30_000
    )  # the map was sent its new markers
    assert page.locator(".explorer-table").first.inner_text() != before_table
    assert panel.blocked == []


def test_the_panels_timeline_changes_with_a_country_filter(panel: Lab) -> None:
    page = panel.page
    page.wait_for_function(f"() => ({_TIMELINE})() !== null", timeout=60_000)
    before = page.evaluate(_TIMELINE)
    before_map = page.evaluate(_VERSION)
    countries = page.locator(".widget-select-multiple select").first  # Countries, first
    countries.scroll_into_view_if_needed()
    chosen = countries.locator("option").nth(1).get_attribute("value")
    assert chosen is not None
    countries.select_option(chosen)  # the second commonest country only
    page.wait_for_function(
        f"t => {{ const now = ({_TIMELINE})(); return now !== null && now !== t; }}",
        arg=before, timeout=60_000,
    )  # fmt: skip
    page.wait_for_function(f"v => ({_VERSION})() !== v", arg=before_map, timeout=30_000)
    assert panel.blocked == []
