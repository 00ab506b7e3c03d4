"""Bytes to text: UTF-8 everywhere, except where a web page or a feed says otherwise.

* Plain text, Markdown, CSV and JSON must be UTF-8 (a byte-order mark is allowed): they cannot
  say what they are, and a guess would change letters silently.
* A web page (``.html``) may declare its encoding (``<meta charset="windows-1252">`` or the
  ``http-equiv`` form, in its first 4 KB); a feed may declare it in its XML declaration
  (``<?xml version="1.0" encoding="iso-8859-1"?>``). The declaration is honoured, as a browser
  would: ISO-8859-1 and ASCII are read as windows-1252, their superset on the web.
* A web page that declares nothing and is not UTF-8 is read as windows-1252, the fallback of
  browsers (old English-language news sites), with a notice saying so.
"""

from __future__ import annotations

import codecs
import re

from explorer.errors import IngestError

__all__ = ["declared_encoding", "decode_markup", "decode_text"]

_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""", re.I)
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}  # WHATWG: both mean windows-1252
HINT = "convert it to UTF-8 first, e.g. iconv -f windows-1252 -t utf-8 FILE"


def _not_binary(raw: bytes) -> None:
    if b"\x00" in raw[:4096]:
        raise IngestError("binary file, not text")


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark dropped); :class:`IngestError` otherwise."""
    _not_binary(raw)
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise IngestError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); {HINT}") from exc


def declared_encoding(raw: bytes, *, xml: bool) -> str | None:
    """The Python codec a page's ``<meta charset>`` (``xml``: the XML declaration) names, or
    None when it names none. :class:`IngestError` for an encoding Python does not know."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8"
    found = (_XML if xml else _META).search(raw[:4096])
    if found is None:
        return None
    label = found.group(1).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError as exc:
        raise IngestError(f"declares an unknown character encoding {label!r}") from exc
    return _WEB_ALIASES.get(name, name)


def decode_markup(raw: bytes, *, xml: bool = False) -> tuple[str, str | None]:
    """The text of a web page (``xml``: a feed) and a notice when it had to be guessed."""
    _not_binary(raw)
    encoding = declared_encoding(raw, xml=xml)
    if encoding is None or encoding == "utf-8":
        try:
            return raw.decode("utf-8").lstrip("\ufeff"), None
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" or xml:
                # XML without a declaration is UTF-8 by definition
                what = "declares UTF-8 but is not" if encoding else "not UTF-8"
                raise IngestError(f"{what} ({exc.reason} at byte {exc.start}); {HINT}") from exc
        text = raw.decode("cp1252", errors="replace")
        return text, "not UTF-8 and no encoding declared: read as windows-1252"
    if encoding == "cp1252":  # five bytes it leaves undefined become U+FFFD, as in browsers
        return raw.decode(encoding, errors="replace"), None
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"declares {encoding} but is not ({exc.reason} at byte {exc.start})"
        ) from exc
