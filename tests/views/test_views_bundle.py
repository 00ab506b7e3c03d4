"""vl-convert's bundles are built once per machine (the user's cache), not once per process."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.views import bundle


def test_bundles_come_from_the_cache_after_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vl_convert as vlc

    calls: list[tuple[object, object]] = []

    def fake(snippet: object = None, vl_version: object = None) -> str:
        calls.append((snippet, vl_version))
        return f"bundle {snippet} {vl_version}"

    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(vlc, "javascript_bundle", fake)
    assert bundle.javascript_bundle(None) == "bundle None None"
    assert bundle.javascript_bundle(None) == "bundle None None"
    assert bundle.javascript_bundle("x", vl_version="6.1") == "bundle x 6.1"
    assert bundle.javascript_bundle("x", vl_version="6.1") == "bundle x 6.1"
    assert calls == [(None, None), ("x", "6.1")]  # each built once
    assert len(list(tmp_path.glob("vega-bundle-*.js"))) == 2


def test_an_unwritable_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vl_convert as vlc

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(vlc, "javascript_bundle", lambda snippet=None, vl_version=None: "js")
    assert bundle.javascript_bundle(None) == "js"
