"""Shared fixtures. The suite never touches the network: pytest-socket (configured in
pyproject.toml) refuses every connection except to loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from explorer.gazetteer import Gazetteer, default_gazetteer


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
