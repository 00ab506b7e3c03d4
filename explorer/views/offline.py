"""Maps without the internet: Leaflet and plugin files inlined into the HTML.

A folium map refers to about a dozen files on CDNs (Leaflet, jQuery, Bootstrap, Font Awesome,
plugins); offline, in JupyterLab or in an exported file, it stays blank. :func:`make_offline`
makes a map render with every script and stylesheet it needs inlined from files shipped with
Explorer (``explorer/views/assets``, see its README for sources and licences) or with folium,
and without the ones Explorer's maps do not use (Bootstrap, Font Awesome, awesome-markers).
``assets="cdn"`` keeps folium's CDN links for people who prefer them.
"""

from __future__ import annotations

import re
import types
from functools import cache
from importlib import resources
from typing import Any

from explorer.errors import ConfigurationError

__all__ = [
    "ASSET_MODES",
    "enable_offline_charts",
    "inline_assets",
    "make_offline",
    "offline_map_html",
]

ASSET_MODES = ("offline", "cdn")

# basename of a CDN URL -> (package, file)
_FILES: dict[str, tuple[str, str]] = {
    "leaflet.js": ("explorer.views", "assets/leaflet.js"),
    "leaflet.css": ("explorer.views", "assets/leaflet.css"),
    "jquery-3.7.1.min.js": ("explorer.views", "assets/jquery.min.js"),
    "leaflet.markercluster.js": ("explorer.views", "assets/leaflet.markercluster.js"),
    "MarkerCluster.css": ("explorer.views", "assets/MarkerCluster.css"),
    "MarkerCluster.Default.css": ("explorer.views", "assets/MarkerCluster.Default.css"),
    "leaflet.timeline.min.js": ("explorer.views", "assets/leaflet.timeline.js"),
    "moment.min.js": ("explorer.views", "assets/moment.min.js"),
    "leaflet.textpath.min.js": ("explorer.views", "assets/leaflet.textpath.js"),
    "leaflet_heat.min.js": ("folium", "templates/leaflet_heat.min.js"),
}
# Not used by Explorer's maps (icons, Bootstrap widgets): dropped offline.
_UNUSED = (
    "bootstrap.bundle.min.js",
    "bootstrap.min.css",
    "bootstrap-glyphicons.css",
    "all.min.css",
    "leaflet.awesome-markers.js",
    "leaflet.awesome-markers.css",
    "leaflet.awesome.rotate.min.css",
)
_SCRIPT = re.compile(r'<script src="(https?://[^"]+)"></script>')
_STYLE = re.compile(r'<link rel="stylesheet" href="(https?://[^"]+)"\s*/?>')


@cache
def _read(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _content(url: str) -> str | None:
    base = url.rstrip("/").rsplit("/", 1)[-1]
    if base in _UNUSED:
        return ""
    where = _FILES.get(base)
    if where is None:
        raise ConfigurationError(
            f"no offline copy of {url}; build the map with assets='cdn' to load it online"
        )
    return _read(*where)


def inline_assets(html: str) -> str:
    """Replace CDN ``<script src>`` and stylesheet links by the files' contents."""

    def script(m: re.Match[str]) -> str:
        code = _content(m.group(1))
        if not code:
            return ""
        return "<script>" + code.replace("</script", "<\\/script") + "</script>"

    def style(m: re.Match[str]) -> str:
        css = _content(m.group(1))
        return "" if not css else "<style>" + css.replace("</style", "<\\/style") + "</style>"

    return _STYLE.sub(style, _SCRIPT.sub(script, html))


def make_offline(fmap: Any, assets: str = "offline") -> Any:
    """Make ``fmap`` (a folium Map) render with inlined assets everywhere: ``save()``,
    ``get_root().render()`` and its display in JupyterLab. Returns the same map."""
    if assets not in ASSET_MODES:
        raise ConfigurationError(f"assets must be one of {', '.join(ASSET_MODES)}, not {assets!r}")
    if assets == "cdn":
        return fmap
    figure = fmap.get_root()
    if getattr(figure, "_explorer_offline", False):
        return fmap
    original = figure.render

    def render(self: Any, **kwargs: Any) -> str:
        return inline_assets(original(**kwargs))

    figure.render = types.MethodType(render, figure)
    figure._explorer_offline = True
    return fmap


def offline_map_html(fmap: Any) -> str:
    """The map as one self-contained HTML page."""
    return str(make_offline(fmap).get_root().render())


def enable_offline_charts() -> None:
    """Draw altair charts in JupyterLab without loading Vega from a CDN (vl-convert bundles it).

    Folium maps built by Explorer are offline already (see :func:`make_offline`).
    """
    import altair as alt

    alt.JupyterChart.enable_offline()
    alt.renderers.enable("jupyter", offline=True)
