"""Bytes to text: UTF-8 everywhere, except where a web page or a feed says otherwise.

* Plain text, Markdown, CSV and JSON must be UTF-8 (a byte-order mark is allowed): they cannot
  say what they are, and a guess would change letters silently. The exception is UTF-16 (what
  Windows' Notepad and Excel call "Unicode"): with its byte-order mark it is read as such; without
  one, a text whose every other byte is zero (Latin letters in UTF-16) is read as UTF-16 too,
  with a notice. UTF-32 with a byte-order mark is read as well.
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


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _not_binary(raw: bytes) -> None:
    if b"\x00" in raw[:4096]:
        raise IngestError("binary file, not text")


def _wide(raw: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text that starts with its byte-order mark, else None."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` for text that looks like UTF-16 without a byte-order mark: an even
    length, and in its first 4 KB nearly every second byte zero and the others not (letters of
    the Latin script, digits, punctuation)."""
    head = raw[:4096]
    if len(raw) % 2 or len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) <= 0.01 * len(others):
            return codec
    return None


def _decode_wide(raw: bytes, codec: str, how: str) -> str:
    try:
        return raw.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{how} but is not ({exc.reason} at byte {exc.start})") from exc


def decode_text(raw: bytes, notes: list[str] | None = None) -> str:
    """UTF-8 text (a leading byte-order mark dropped), or UTF-16/UTF-32 (see above; a notice in
    ``notes`` when UTF-16 had to be recognised without its mark); :class:`IngestError`
    otherwise."""
    codec = _wide(raw)
    if codec is not None:
        return _decode_wide(raw, codec, f"starts with the byte-order mark of {codec.upper()}")
    codec = _utf16_without_bom(raw)
    if codec is not None:
        text = _decode_wide(raw, codec, f"looks like {codec.upper()} (every other byte zero)")
        if notes is not None:
            notes.append(f"no byte-order mark: read as {codec.upper()} (every other byte is zero)")
        return text
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
    wide = _wide(raw)
    if wide is not None:
        return wide
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
    wide = _wide(raw)
    if wide is not None:  # a byte-order mark outranks a declaration (as in browsers)
        return _decode_wide(raw, wide, f"starts with the byte-order mark of {wide.upper()}"), None
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
