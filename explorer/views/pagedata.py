"""Text on a map page is data, never template source.

folium and branca build a page by rendering each element's Jinja template and then *compiling
the output again as a template* (``branca.element.Element(rendered)``), so any ``{{ ... }}`` or
``{% ... %}`` that reaches an element's output, for instance from an article in a popup, is run
by Jinja when the page is saved: ``{{7*7}}`` becomes "49", and worse can run Python.

So no text from an article, a feed, a table or a user goes into a folium element here. Map
builders put each piece of text (popups, tooltips, legend entries, line labels) into the page's
:class:`PageTexts` and hand folium only its number. After folium has rendered the page, the
figure (:class:`TextFigure`) adds the texts as one JSON document,
``<script type="application/json" id="explorer-texts">``, read by the page's scripts as
``explorerTexts[i]``; and the HTML boxes (legends, notes) as :func:`add_page_html` fragments.
Neither passes through a template engine. The JSON is written so that it cannot end its
``<script>`` element (``<``, ``>`` and ``&`` as ``\\u003c``...), and the HTML is escaped by the
caller (:mod:`explorer.views.popup`).

A builder may also put numbers that refer to the texts into one more JSON document,
``explorer-data``, read as ``explorerData[name]`` (:meth:`PageTexts.put`). The incident map
stores its popups so: each text once, each popup a list of indices, and its script puts the
texts into the page with ``textContent`` when a popup opens (a text used so is plain text, not
HTML; each index is read the way its builder wrote it).
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Figure

__all__ = [
    "PageTexts",
    "TextFigure",
    "add_page_html",
    "insert_page_data",
    "page_texts",
    "script_safe_json",
]

TEXTS_ID = "explorer-texts"
DATA_ID = "explorer-data"
_LOADER = (
    "<script>var explorerTexts = JSON.parse("
    f'document.getElementById("{TEXTS_ID}").textContent);</script>'
)
_DATA_LOADER = (
    "<script>var explorerData = JSON.parse("
    f'document.getElementById("{DATA_ID}").textContent);</script>'
)


def script_safe_json(value: Any) -> str:
    """``value`` as compact JSON that cannot end or comment out a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class PageTexts:
    """The texts of one page, each stored once and referred to by its index."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._index: dict[str, int] = {}
        self.fragments: list[str] = []
        self.data: dict[str, Any] = {}

    def ref(self, text: str) -> int:
        """The index of ``text`` (added if new)."""
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self._texts)
            self._texts.append(text)
        return index

    def opt(self, text: str) -> int:
        """The index of ``text``, or -1 for an empty one (nothing to show)."""
        return self.ref(text) if text else -1

    def put(self, name: str, value: Any) -> None:
        """Page data ``explorerData[name]``: JSON values (numbers, lists), typically indices
        into the texts; never text to be read as HTML or template source."""
        self.data[name] = value

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index: int) -> str:
        return self._texts[index]

    def json(self) -> str:
        """The texts as JSON that is safe inside a ``<script>`` element."""
        return script_safe_json(self._texts)


def _root(fmap: Any) -> Any:
    root = fmap.get_root()
    if not isinstance(root, Figure):
        figure = TextFigure()
        figure.add_child(fmap)
        root = figure
    return root


def page_texts(fmap: Any) -> PageTexts:
    """The :class:`PageTexts` of the page ``fmap`` is drawn on (created on first use)."""
    root = _root(fmap)
    texts = getattr(root, "explorer_texts", None)
    if texts is None:
        texts = root.explorer_texts = PageTexts()
        if type(root) is Figure:
            root.__class__ = TextFigure
    return texts


def add_page_html(fmap: Any, fragment: str) -> None:
    """Add an HTML fragment (already escaped by the caller) to the page's body, after
    rendering: it never passes through a template engine."""
    page_texts(fmap).fragments.append(fragment)


def insert_page_data(page: str, figure: Any) -> str:
    """``page`` (a rendered figure) with its texts and fragments put in, right after
    ``<body>``: before every script of the map, which read ``explorerTexts``."""
    texts: PageTexts | None = getattr(figure, "explorer_texts", None)
    if texts is None:
        return page
    block = (
        f'<script type="application/json" id="{TEXTS_ID}">{texts.json()}</script>'
        + _LOADER
        + (
            f'<script type="application/json" id="{DATA_ID}">{script_safe_json(texts.data)}'
            f"</script>{_DATA_LOADER}"
            if texts.data
            else ""
        )
        + "".join(texts.fragments)
    )
    at = page.find("<body>")
    if at < 0:  # pragma: no cover - branca's Figure template always has a body
        return block + page
    at += len("<body>")
    return page[:at] + block + page[at:]


class TextFigure(Figure):
    """A branca Figure that adds its page's texts after folium has rendered it."""

    def render(self, **kwargs: Any) -> str:
        return insert_page_data(str(super().render(**kwargs)), self)
