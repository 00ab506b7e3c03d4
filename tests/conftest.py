"""Shared fixtures. The suite never touches the network: pytest-socket (configured in
pyproject.toml) refuses every connection except to loopback. Nor does it touch the user's cache:
``EXPLORER_CACHE_DIR`` points at a temporary folder for the whole session (and the processes it
starts), into which the files compiled once per machine (gazetteer index, word lists, outlines,
Vega bundles) are linked from the user's cache when they are there, so that the suite need not
compile them again; Explorer replaces files by renaming, so a rebuild never writes through a
link."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

_COMPILED = ("gazetteer-*.sqlite", "common-words-*", "everyday-words-*", "abbreviations-*",
             "outlines-*", "vega-bundle-*")  # fmt: skip


def _private_cache() -> Path:
    from explorer.files import cache_dir

    user = cache_dir()
    private = Path(tempfile.mkdtemp(prefix="explorer-test-cache-"))
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    for pattern in _COMPILED:
        for path in user.glob(pattern):
            try:
                os.symlink(path, private / path.name)
            except OSError:
                shutil.copy2(path, private / path.name)
    return private


if not os.environ.get("EXPLORER_TEST_USER_CACHE"):
    os.environ["EXPLORER_CACHE_DIR"] = str(_private_cache())

from explorer.gazetteer import Gazetteer, default_gazetteer  # noqa: E402


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The default offline gazetteer (compiled on first use into the user cache)."""
    return default_gazetteer()


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@dataclass
class OfflinePage:
    """A headless-Chromium page with every non-file request blocked and recorded."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def offline_page() -> Iterator[OfflinePage]:
    """Skips, with the reason, when Chromium or playwright cannot be had."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1300})
        state = OfflinePage(page)
        page.on("console", lambda m: state.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: state.errors.append(str(e)))
        page.on("dialog", lambda d: (state.dialogs.append(d.message), d.dismiss()))

        def route(r: Any) -> None:
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                state.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        yield state
        browser.close()


# the slow end-to-end tests (notebooks, JupyterLab, Dask clusters, headless Chromium): a fast
# loop is `pytest -m "not slow"`
_SLOW_FILES = ("test_notebooks.py", "test_views_jupyterlab.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = item.path.name
        if (
            item.get_closest_marker("browser")
            or name in _SLOW_FILES
            or name.startswith("test_scale_dask")
        ):
            item.add_marker(pytest.mark.slow)
