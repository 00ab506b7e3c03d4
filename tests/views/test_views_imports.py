"""Importing the views is quick: no Vega bundle outside a kernel, rfc3987_syntax deferred."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys, time
t = time.perf_counter()
import explorer.views.timeline as timeline
import altair as alt
stand_in = getattr(sys.modules.get("rfc3987_syntax"), "_explorer_stand_in", None)
print(alt.JupyterChart._is_offline, stand_in)
from jsonschema import FormatChecker
checker = FormatChecker()
print(checker.conforms("https://example.org/caf\\u00e9", "iri"), checker.conforms("no iri", "iri"))
"""


def test_outside_a_kernel_no_bundle_and_iri_checks_still_answer() -> None:
    pytest.importorskip("rfc3987_syntax", reason="rfc3987_syntax is not installed")
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "False True"  # no Vega bundle built; the stand-in in place
    assert out[1] == "True False"  # jsonschema's iri checks give the real answers


def test_in_a_kernel_charts_are_offline_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import altair as alt

    from explorer.views import timeline
    from explorer.views.offline import enable_offline_charts

    was = "offline" if alt.JupyterChart._is_offline else "cdn"
    monkeypatch.delenv("EXPLORER_ASSETS", raising=False)
    monkeypatch.setattr(timeline, "_in_a_kernel", lambda: True)
    try:
        timeline._offline_by_default()
        assert alt.JupyterChart._is_offline and alt.renderers.active == "jupyter"
    finally:
        enable_offline_charts(was)
