"""Refresh the screenshots in docs/screenshots/ (``make screenshots``).

Runs the demo and a briefing into a temporary folder, then photographs, in headless Chromium
(Debian's ``/usr/bin/chromium``, driven by playwright) with every request outside the machine
blocked:

* ``explore.png``: ``out/explore.html``, the interactive map ``make demo`` writes;
* ``briefing.png``: the first screen of ``explorer brief data/ --out briefing.html ...``;
* ``panel.png``: the Explorer panel in a real JupyterLab (on a loopback port, a copy of
  ``notebooks/02_explore.ipynb`` run with "Run All Cells"), scrolled to the panel.

Each PNG is 1280 pixels wide and kept under 300 KB. Nothing in the checkout is written except
docs/screenshots/. Needs the test extras (playwright, pillow): ``make screenshots`` installs them.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]  # fmt: skip  (as tests/conftest.py)
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 300_000
BRIEFING = ["--title", "The campaign against the Islamic State, 2014-2017"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(*command: str | Path) -> None:
    log("$ " + " ".join(str(c) for c in command))
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT)


def save_png(png: bytes, target: Path) -> None:
    """Write ``png`` to ``target``, as a palette image when the full-colour one is too big."""
    if len(png) > MAX_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        buffer = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            buffer, "PNG", optimize=True
        )
        png = buffer.getvalue()
    target.write_bytes(png)
    log(f"wrote {target} ({len(png) / 1000:.0f} KB)")


def guard(page: Page, allowed: tuple[str, ...], blocked: list[str]) -> None:
    """Let through only ``allowed`` URL prefixes; record and abort the rest."""

    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)


LOCAL = ("file:", "data:", "blob:")


def shoot_explore(browser: Any, html: Path, target: Path, blocked: list[str]) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    guard(page, LOCAL, blocked)
    page.goto(html.as_uri())
    page.wait_for_selector(".leaflet-container", timeout=60_000)
    page.wait_for_selector(".marker-cluster, path.leaflet-interactive", timeout=60_000)
    page.wait_for_timeout(1_000)  # let the heat map and the country outlines finish drawing
    save_png(page.screenshot(), target)
    page.close()


def shoot_briefing(browser: Any, html: Path, target: Path, blocked: list[str]) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    guard(page, LOCAL, blocked)
    page.goto(html.as_uri())
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg", timeout=60_000)
    page.wait_for_timeout(1_000)  # both Vega views render asynchronously
    save_png(page.screenshot(), target)
    page.close()


@contextmanager
def jupyterlab(work: Path, home: Path) -> Iterator[str]:
    """JupyterLab on a free loopback port, serving ``work``; stopped on exit."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # start the notebook's kernel without asking ("Select Kernel" would block Run All Cells)
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    # and render every cell (no windowing: the panel's output stays in the page when scrolled)
    (tracker / "tracker.jupyterlab-settings").write_text(
        '{"autoStartDefaultKernel": true, "windowingMode": "none"}'
    )
    env = dict(os.environ, EXPLORER_OUT=str(home / "out"))
    proc = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--allow-root",
         f"--ServerApp.root_dir={work}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         f"--LabApp.workspaces_dir={home / 'workspaces'}",
         f"--LabApp.user_settings_dir={home / 'settings'}", "--LabApp.expose_app_in_browser=True"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(480):
            try:
                urllib.request.urlopen(f"{url}/api", timeout=1)
                break
            except OSError:
                time.sleep(0.25)  # waiting for the server to start
        else:
            raise SystemExit("JupyterLab did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def accept_dialogs(page: Page) -> None:
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    while accept.count():
        accept.first.click()


_KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return Boolean(k) && k.status === 'idle';
}"""


def command(page: Page, name: str) -> None:
    """Run a JupyterLab command (the app is exposed with --LabApp.expose_app_in_browser)."""
    page.evaluate("name => { window.jupyterapp.commands.execute(name); }", name)


def run_all_cells(page: Page, attempts: int = 3) -> None:
    """Run all cells until the panel's map is drawn, restarting the kernel when JupyterLab
    loses the run at start-up (seen under load; see tests/views/test_views_jupyterlab.py)."""
    for attempt in range(attempts):
        if attempt:
            log("the run was lost: restart the kernel and run all again")
            command(page, "notebook:restart-clear-output")
            page.locator(".jp-Dialog .jp-mod-accept").first.click(timeout=30_000)
        page.wait_for_function(_KERNEL_IDLE, timeout=180_000, polling=500)
        accept_dialogs(page)
        command(page, "notebook:run-all-cells")
        try:
            page.wait_for_selector(
                ".explorer-map .leaflet-container", state="attached", timeout=180_000
            )
            page.wait_for_selector(
                ".vega-embed canvas, .vega-embed svg", state="attached", timeout=60_000
            )
        except PlaywrightTimeout as exc:
            log(f"waiting for the panel: {str(exc).splitlines()[0]}")
            continue
        if page.get_by_text("Error displaying widget").count() == 0:
            return
        log("a widget could not be displayed")
    page.screenshot(path=str(Path(tempfile.gettempdir()) / "screenshots-lab-failed.png"))
    raise SystemExit(
        "the Explorer panel did not draw in JupyterLab "
        f"(see {Path(tempfile.gettempdir()) / 'screenshots-lab-failed.png'})"
    )


def shoot_panel(browser: Any, temp: Path, target: Path, blocked: list[str]) -> None:
    work = temp / "lab"
    shutil.copytree(ROOT / "notebooks", work / "notebooks")  # the run autosaves: a copy
    shutil.copytree(ROOT / "data", work / "data")
    with jupyterlab(work, temp / "lab-home") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        guard(page, (*LOCAL, url, url.replace("http:", "ws:")), blocked)
        page.goto(f"{url}/lab/tree/notebooks/02_explore.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_function("() => Boolean(window.jupyterapp)", timeout=60_000)
        command(page, "application:toggle-left-area")  # the file browser off: a wider panel
        page.add_style_tag(content=".Toastify { display: none !important; }")  # "news?" toast
        run_all_cells(page)
        page.wait_for_selector(
            ".explorer-map path.leaflet-interactive, .explorer-map .explorer-cluster",
            timeout=60_000,
        )
        page.locator(".jp-Cell.jp-mod-active").first.evaluate("e => e.blur()")
        panel = page.locator(".widget-selection-range-slider, .widget-hslider").first
        panel.evaluate("e => e.closest('.jp-OutputArea-output').scrollIntoView()")
        page.mouse.move(0, 0)
        page.wait_for_timeout(1_500)  # the map's tiles of country outlines, the chart
        shot = page.screenshot(clip={"x": 0, "y": 0, **VIEWPORT})
        save_png(shot, target)
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--only", choices=["explore", "briefing", "panel"], action="append", default=[]
    )
    args = parser.parse_args(argv)
    wanted = args.only or ["explore", "briefing", "panel"]
    args.out.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    with tempfile.TemporaryDirectory(prefix="explorer-screenshots-") as name:
        temp = Path(name)
        env_cache = os.environ.get("EXPLORER_CACHE_DIR")
        log(f"working in {temp}" + (f" (cache {env_cache})" if env_cache else ""))
        if "explore" in wanted:
            run(BIN / "explorer", "demo", "--data", ROOT / "data", "--out", temp / "out")
        if "briefing" in wanted:
            run(BIN / "explorer", "brief", ROOT / "data", "--out", temp / "briefing.html",
                *BRIEFING)  # fmt: skip
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if "explore" in wanted:
                shoot_explore(browser, temp / "out" / "explore.html",
                              args.out / "explore.png", blocked)  # fmt: skip
            if "briefing" in wanted:
                shoot_briefing(browser, temp / "briefing.html",
                               args.out / "briefing.png", blocked)  # fmt: skip
            if "panel" in wanted:
                shoot_panel(browser, temp, args.out / "panel.png", blocked)
            browser.close()
    if blocked:
        log(f"blocked {len(blocked)} request(s) to the network, e.g. {blocked[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
