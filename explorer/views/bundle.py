"""vl-convert's Vega bundles, built once per machine instead of once per process.

``vl_convert.javascript_bundle`` (the Vega, Vega-Lite and vega-embed JavaScript that makes
charts draw offline) takes 2-4 s on its first call in a process: every briefing, timeline page
and JupyterLab kernel paid it. Its answer depends only on the vl-convert version and the
arguments, so it is kept in the user's cache directory (next to the gazetteer index), keyed by
both; Explorer's own pages (briefings, chart pages) take it from there. altair's JupyterChart
widget builds its own (once per kernel): vl-convert is not patched. A cache that cannot be
written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from typing import Any

__all__ = ["javascript_bundle"]


def _cached(real: Callable[..., Any], snippet: str | None, vl_version: str | None) -> str:
    import vl_convert as vlc

    from explorer.files import atomic_write_text, cache_dir

    key = hashlib.sha256(
        f"{getattr(vlc, '__version__', '?')}\0{vl_version}\0{snippet}".encode()
    ).hexdigest()[:20]
    path = cache_dir() / f"vega-bundle-{key}.js"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = str(real(snippet, vl_version=vl_version))
    with contextlib.suppress(OSError):
        atomic_write_text(path, text)
    return text


def javascript_bundle(snippet: str | None = None, vl_version: str | None = None) -> str:
    """``vl_convert.javascript_bundle(snippet, vl_version=...)``, from the cache when it can."""
    import vl_convert as vlc

    real: Callable[..., Any] = vlc.javascript_bundle
    return _cached(real, snippet, vl_version)
