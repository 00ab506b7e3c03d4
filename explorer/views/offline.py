"""Maps and charts that draw without the internet, in JupyterLab and in exported HTML.

Folium maps refer to Leaflet, jQuery, Bootstrap, Font Awesome and plugin files on about a dozen
CDNs; offline they stay blank ("L is not defined"). :func:`make_offline` makes a map inline every
such file into its HTML, whether the map is saved, rendered or shown in JupyterLab (folium puts
the same HTML in an iframe's ``srcdoc``). The files come from the PyPI package ``folium-offline``
(MIT), which ships, for each folium release, the exact files that release links to, keyed by
URL: all of folium's plugins are covered. Bootstrap, Font Awesome and awesome-markers (about
1.1 MB) are left out unless the map uses icon markers.

One switch, ``assets_mode``: ``"offline"`` (the default) or ``"cdn"`` (folium's and altair's
CDN links, for those who prefer them). ``None`` means the ``EXPLORER_ASSETS`` environment
variable, else ``"offline"``.

Also here: :func:`add_country_basemap` (from :mod:`explorer.views.basemap`), a background of
country outlines and place labels that needs no tile server; :func:`chart_html`, a
self-contained altair chart page (Vega inlined from ``vl-convert-python``); and
:func:`enable_offline_charts` for altair in JupyterLab.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Figure

from explorer.errors import ConfigurationError
from explorer.views.basemap import add_country_basemap
from explorer.views.pagedata import TextFigure, insert_page_data

__all__ = [
    "ASSET_MODES",
    "OfflineFigure",
    "add_country_basemap",
    "asset_for_url",
    "chart_html",
    "enable_offline_charts",
    "external_references",
    "inline_assets",
    "local_css",
    "make_offline",
    "offline_map_html",
    "resolve_assets_mode",
]

ASSET_MODES = ("offline", "cdn")
ENV_VAR = "EXPLORER_ASSETS"

# Needed only by icon markers (folium.Icon, BeautifyIcon, "fa"/"glyphicon" classes): ~1.1 MB.
_ICON_ASSETS = (
    "bootstrap.min.css",
    "bootstrap.bundle.min.js",
    "bootstrap-glyphicons.css",
    "all.min.css",
    "leaflet.awesome-markers.js",
    "leaflet.awesome-markers.css",
    "leaflet.awesome.rotate.min.css",
)
_USES_ICONS = re.compile(
    r"L\.AwesomeMarkers\.icon|BeautifyIcon|class=\\?[\"'][^\"']*\b(?:fa[srb]?|glyphicon)\b"
)
_SCRIPT_TAG = re.compile(r'<script\s+src="((?:https?:)?//[^"]+)"\s*>\s*</script>')
_CSS_TAG = re.compile(r'<link\s+rel="stylesheet"\s+href="((?:https?:)?//[^"]+)"\s*/?>')
_VERSION = re.compile(r"@[^/]+|(?<=/)v?\d+(?:\.\d+)+[^/]*(?=/)")


def resolve_assets_mode(assets_mode: str | None = None) -> str:
    """``assets_mode``, else ``$EXPLORER_ASSETS``, else ``"offline"``; checked."""
    mode = assets_mode if assets_mode is not None else os.environ.get(ENV_VAR) or "offline"
    if mode not in ASSET_MODES:
        raise ConfigurationError(
            f"assets mode must be one of {', '.join(ASSET_MODES)}, not {mode!r}"
        )
    return mode


# ---------------------------------------------------------------------------------------------
# Where the files come from


@cache
def _library() -> dict[str, str]:
    """URL -> file content, from ``folium-offline``'s module source (parsed, not imported:
    importing that package would load a second copy of folium and 7 MB of strings)."""
    spec = importlib.util.find_spec("offlinefolium")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(
            "offline maps need the folium-offline package (pip install folium-offline), "
            "or use assets_mode='cdn' to load Leaflet from CDNs"
        )
    source = Path(next(iter(spec.submodule_search_locations)), "elements.py")
    files: dict[str, str] = {}
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "_res"
            and isinstance(target.slice, ast.Constant)
            and isinstance(target.slice.value, str)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            files[target.slice.value] = value.value
    if not files:
        raise ConfigurationError(f"no files found in {source}; is folium-offline up to date?")
    return files


def _unversioned(url: str) -> str:
    return _VERSION.sub("", url.split("://", 1)[-1].lstrip("/"))


@cache
def _by_unversioned() -> dict[str, str]:
    return {_unversioned(url): url for url in _library()}


def asset_for_url(url: str) -> str:
    """The content of the file at a CDN ``url`` that folium links to, without fetching it.

    An exact URL first; else the same file in another version (with a warning: folium and
    folium-offline releases drifted apart); else :class:`ConfigurationError`.
    """
    files = _library()
    full = "https:" + url if url.startswith("//") else url
    if full in files:
        return files[full]
    near = _by_unversioned().get(_unversioned(full))
    if near is not None:
        warnings.warn(f"offline maps: {url} served from {near}", stacklevel=2)
        return files[near]
    raise ConfigurationError(
        f"no offline copy of {url} (update folium-offline to match folium), "
        "or use assets_mode='cdn' to load it from its CDN"
    )


# ---------------------------------------------------------------------------------------------
# Maps


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_EXTERNAL_URL = r"url\(\s*(?![\"']?(?:data:|#))[^)]*\)"


def local_css(css: str) -> str:
    """CSS that asks for no other file: font faces without an inlined (data:) font are dropped,
    other fonts keep only their data: sources, and other external images become ``none``."""

    def font_face(m: re.Match[str]) -> str:
        block = m.group(0)
        if "data:" not in block:
            return ""
        return re.sub(r",?\s*" + _EXTERNAL_URL + r"\s*(?:format\([^)]*\))?", "", block)

    return re.sub(_EXTERNAL_URL, "none", _FONT_FACE.sub(font_face, css))


def _basename(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def inline_assets(html: str, *, icons: bool | None = None) -> str:
    """Replace the CDN ``<script src>`` and stylesheet links of a rendered folium page by the
    files' contents. ``icons``: keep Bootstrap, Font Awesome and awesome-markers (default: only
    when the page uses icon markers). A file included twice (jQuery) is kept once."""
    if icons is None:
        icons = bool(_USES_ICONS.search(html))
    seen: set[str] = set()

    def content(url: str) -> str | None:
        if not icons and _basename(url) in _ICON_ASSETS:
            return None
        text = asset_for_url(url)
        if text in seen:
            return None
        seen.add(text)
        return text

    def script(m: re.Match[str]) -> str:
        code = content(m.group(1))
        if code is None:
            return ""
        code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
        return f'<script data-asset="{_basename(m.group(1))}">{code}</script>'

    def style(m: re.Match[str]) -> str:
        css = content(m.group(1))
        if css is None:
            return ""
        css = re.sub(r"</(style)", r"<\\/\1", local_css(css), flags=re.IGNORECASE)
        return f'<style data-asset="{_basename(m.group(1))}">{css}</style>'

    return _CSS_TAG.sub(style, _SCRIPT_TAG.sub(script, html))


class OfflineFigure(TextFigure):
    """A branca Figure whose HTML has every script and stylesheet inlined (and its page texts
    added, see :mod:`explorer.views.pagedata`)."""

    explorer_icons: bool | None = None

    def render(self, **kwargs: Any) -> str:
        return inline_assets(str(super().render(**kwargs)), icons=self.explorer_icons)


def make_offline(
    fmap: folium.Map, assets_mode: str | None = None, *, icons: bool | None = None
) -> folium.Map:
    """Make ``fmap`` render with its files inlined (``"offline"``) or linked (``"cdn"``)
    everywhere: ``save()``, ``get_root().render()``, and its display in JupyterLab. The map's
    Figure is switched to :class:`OfflineFigure` (or back); the same map is returned."""
    mode = resolve_assets_mode(assets_mode)
    figure = _figure(fmap)
    if mode == "offline":
        _set_class(figure, OfflineFigure)
        figure.explorer_icons = icons  # type: ignore[attr-defined]
    elif isinstance(figure, OfflineFigure):
        _set_class(figure, TextFigure)
    return fmap


def _set_class(figure: Any, cls: type[Figure]) -> None:
    # the Figure keeps its children (header, html, script), which a new Figure would not have
    figure.__class__ = cls


def _figure(fmap: folium.Map) -> Figure:
    root = fmap.get_root()
    if isinstance(root, Figure):
        return root
    figure = TextFigure()
    figure.add_child(fmap)
    return figure


def offline_map_html(
    fmap: folium.Map, assets_mode: str | None = None, *, icons: bool | None = None
) -> str:
    """The map as one HTML page (self-contained unless ``assets_mode="cdn"``), without
    changing the map."""
    mode = resolve_assets_mode(assets_mode)
    figure = _figure(fmap)
    html = insert_page_data(str(Figure.render(figure)), figure)  # folium's rendering: CDN links
    return inline_assets(html, icons=icons) if mode == "offline" else html


def external_references(html: str) -> list[str]:
    """URLs a page would fetch from the network: ``<script src>``, stylesheet links, CSS
    ``@import`` and ``url()``, and tile layer URL templates."""
    patterns = (
        r'<script[^>]*\ssrc="((?:https?:)?//[^"]+)"',
        r'<link[^>]*\shref="((?:https?:)?//[^"]+)"',
        r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s]+)",
        r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
        r"L\.tileLayer\(\s*\"([^\"]+)\"",
    )
    return [url for p in patterns for url in re.findall(p, html)]


# ---------------------------------------------------------------------------------------------
# Charts (altair)


class _ScriptSafeJSON(json.JSONEncoder):
    """JSON that cannot close the ``<script>`` it is embedded in: article text in a chart's
    data may hold ``</script>``, which altair's ``to_html`` writes as is."""

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(chart: Any, assets_mode: str | None = None, *, title: str = "Chart") -> str:
    """An altair chart as one HTML page. ``"offline"``: Vega, Vega-Lite and vega-embed inlined
    (about 0.9 MB, from ``vl-convert-python``, built once per machine:
    :mod:`explorer.views.bundle`); ``"cdn"``: altair's page, loading them from jsDelivr. In both,
    the chart's data cannot end the page's ``<script>``."""
    mode = resolve_assets_mode(assets_mode)
    if mode == "cdn":
        return str(chart.to_html(json_kwds={"cls": _ScriptSafeJSON}))
    from explorer.views.bundle import javascript_bundle
    from explorer.views.templating import Markup, render, script_json

    return render(
        "chart.html",
        title=title,
        bundle=Markup(javascript_bundle(None).replace("</script", "<\\/script")),
        spec=script_json(json.dumps(chart.to_dict(), ensure_ascii=False)),
    )


def enable_offline_charts(assets_mode: str | None = None) -> None:
    """Draw altair charts in JupyterLab without a CDN: altair's ``jupyter`` renderer (a
    JupyterChart widget) with its offline switch, which builds the Vega bundle from
    ``vl-convert-python`` (about 2 s, once per kernel). ``"cdn"`` turns that off and goes back
    to altair's default renderer. This changes altair's settings for the whole kernel: it is
    called when you ask for it (and by the Explorer panel), never by an import."""
    import altair as alt

    if resolve_assets_mode(assets_mode) == "offline":
        alt.JupyterChart.enable_offline()
        alt.renderers.enable("jupyter", offline=True)
    else:
        alt.JupyterChart.enable_offline(False)
        alt.renderers.enable("default")
