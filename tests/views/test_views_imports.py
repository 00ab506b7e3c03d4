"""Importing the views changes no other library's state: no module put in sys.modules for
another, no renderer switched, no Vega bundle built; offline charts are switched on by a call."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
before = set(sys.modules)
import explorer.views.timeline, explorer.views.map, explorer.views.panel
import altair as alt
stand_ins = [n for n, m in sys.modules.items() if getattr(m, "_explorer_stand_in", False)]
print(alt.JupyterChart._is_offline, alt.renderers.active, stand_ins)
"""


def test_importing_the_views_changes_no_library_settings() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "False default []"


def test_enable_offline_charts_is_an_explicit_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    import altair as alt

    from explorer.views.offline import enable_offline_charts

    was = "offline" if alt.JupyterChart._is_offline else "cdn"
    monkeypatch.delenv("EXPLORER_ASSETS", raising=False)
    try:
        enable_offline_charts()
        assert alt.JupyterChart._is_offline and alt.renderers.active == "jupyter"
        enable_offline_charts("cdn")
        assert not alt.JupyterChart._is_offline and alt.renderers.active == "default"
    finally:
        enable_offline_charts(was)
