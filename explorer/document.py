"""The document model: an article's text split once into paragraphs, sentences and tokens.

Every component that reads text structure (places, dates, events) reads it here, so an article
is split into sentences by one splitter with one abbreviation list, and its words are tokenised
by one tokenizer. :func:`document` keeps the last few documents, so the places, dates and events
of one article share one split without passing it along.

>>> doc = document("Sen. Paul Walker flew to Fort Bragg, N.C. on Monday. Units left.")
>>> [doc.text[s:e] for s, e in doc.sentences]
['Sen. Paul Walker flew to Fort Bragg, N.C. on Monday.', 'Units left.']
>>> [t.text for t in doc.names]
['Sen', 'Paul', 'Walker', 'Fort', 'Bragg', 'N.C.', 'Monday', 'Units']

Sentences: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by space and a capital letter, digit or opening quote, or at a blank line or line break
before a capital; except after a known abbreviation, an initial ("John F. Kennedy"), or a dotted
acronym followed by a lower-case word or a name. A single line break also ends a title or a
caption ("Floods in Sindh\\nThe water rose...").

Tokens: :attr:`Document.names` are the capitalised words (the ones a name can be made of), with
dotted abbreviations kept whole ("U.S.", "St.", "W.Va."); :attr:`Document.words` are all words,
the capitalised ones being exactly the names. Each token has its offsets, its case and a shape.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

__all__ = ["ABBREVIATIONS", "Document", "Token", "document", "split_sentences"]

# a full stop after these is no sentence end: titles, months, days, companies, US states
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig
    gov sen rep rev hon pres sec amb supt insp det atty pfc spc sgt-maj
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc ltd co corp bros dept univ assn est approx no nos vol vs etc al fig ed eds
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nebr nev okla ore oreg pa penn penna tenn tex va vt wash wis wisc wyo
    """.split()
)


class Token(NamedTuple):
    """A word: its offsets, its text and its case."""

    start: int
    end: int
    text: str
    cap: bool  # starts with a capital letter
    upper: bool  # ALL CAPS (two letters or more)

    @property
    def shape(self) -> str:
        """ "Xx" (capitalised), "XX" (all caps), "x" (lower case), "d" (digits first),
        "X." (an abbreviation with a full stop)."""
        if self.text.endswith("."):
            return "X."
        if self.upper:
            return "XX"
        if self.cap:
            return "Xx"
        return "d" if self.text[0].isdigit() else "x"


UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# A name token starts with a capital (which lets the regex engine skip to the next capital
# quickly): "St." before a name, "W.Va.", dotted acronyms, or a word with apostrophes and inner
# hyphens ("O'Brien", "Baghdad-based").
_NAME = (
    rf"[{UPPER}](?:"
    r"(?<=[SMFP])[tT]\.(?=\s[A-Z])"  # St. Petersburg, Mt. Pleasant, ST. PAUL (not "St. Paul.")
    r"|[a-z]?\.\s?[A-Z][a-z]{0,3}\."  # W.Va., W. Va., N.Mex.
    r"|\.(?:[A-Za-z]\.)+"  # U.S., D.C.
    r"|(?:[\w'’]|-(?=\w)|\.(?=[A-Za-z]\.))*)"
)
_NAMES = re.compile(_NAME)
# every word: a name, or a run of word characters without a capital (so that it never swallows
# the start of a name: "iPhone" is "i" and "Phone", as the names alone would have it)
_WORDS = re.compile(rf"{_NAME}|(?P<low>[^\W{UPPER}]+)")

_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)|\n\s*\n""")
_NEXT_START = re.compile(r"""\s+["'“‘(\[]?[A-Z0-9]""")
# matched at an offset (pattern.match(text, pos)): no copy of the rest of the text each time
_LINE_END = re.compile(r"[ \t]*\n")
_CAPITAL_NEXT = re.compile(r"\s*[A-Z0-9\"“]")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WORD_CHARS = _ASCII_LETTERS | {".", "-"}
_SENTENCE_OPENERS = frozenset(
    """The A An It He She They We I In On At But And This That These Those There His Her Their
    Its Our Officials Meanwhile However After Before When While Both According""".split()
)
_OPENING = " \t\"“‘'(["


def _is_boundary(text: str, end: int, match: str) -> bool:
    """Whether the stop ``match`` ending at ``end`` ends a sentence. The word before a full
    stop is read from the text backwards, within 40 characters (no copies, no searches)."""
    if match[0] == "\n":
        return True
    if _NEXT_START.match(text, end) is None:
        # A line break followed by a capital is still a boundary (headlines, bylines).
        return bool(_LINE_END.match(text, end)) and bool(_CAPITAL_NEXT.match(text, end))
    if match[0] != ".":
        return True
    lo = end - 40 if end > 40 else 0
    stop = end - len(match) + 1  # text[lo:stop] is what comes before, up to the first "."
    j = stop
    while j > lo and text[j - 1] == ".":
        j -= 1
    k = j
    while k > lo and text[k - 1] in _WORD_CHARS:
        k -= 1
    while k < j and text[k] not in _ASCII_LETTERS:
        k += 1
    if text[k:j].lower() in ABBREVIATIONS:
        return False
    if (
        stop - 2 >= lo
        and text[stop - 2] in _ASCII_UPPER
        and (stop - 2 == lo or text[stop - 3].isspace())
    ):
        return False  # an initial: "John F. Kennedy"
    if _acronym(text, lo, stop):
        # "U.S. forces" continues; "... in the U.S. The next" ends: look at the next word.
        following = _NEXT_WORD.match(text, end)
        return (following.group(1) if following else "") in _SENTENCE_OPENERS
    return True


def _acronym(text: str, lo: int, stop: int) -> bool:
    """``text[lo:stop]`` ends with two or more "letter." pairs ("U.S.", "a.m.")."""
    return (
        stop - 4 >= lo
        and text[stop - 1] == "."
        and text[stop - 2] in _ASCII_LETTERS
        and text[stop - 3] == "."
        and text[stop - 4] in _ASCII_LETTERS
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if not _is_boundary(text, end, m.group()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return _split_lines(text, out)


def _split_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Also break at single line breaks that separate a title or caption from the next line.

    Linear: the line before a break is looked at from its end (no copy of the span up to it)."""
    out = []
    for s, e in spans:
        cut = s
        i = text.find("\n", s, e)
        while i != -1:
            last = i  # the end of the line before the break, trailing spaces left out
            while last > cut and text[last - 1].isspace():
                last -= 1
            if last > cut and text[last - 1] not in ",;:-" and _CAPITAL_NEXT.match(text, i + 1, e):
                out.append((cut, last))
                cut = i + 1
                while cut < e and text[cut].isspace():
                    cut += 1
            i = text.find("\n", i + 1, e)
        if cut < e:
            out.append((cut, e))
    return out


def _tokens(pattern: re.Pattern[str], text: str) -> tuple[Token, ...]:
    new = tuple.__new__  # a NamedTuple without its __new__ wrapper: a quarter faster
    return tuple(  # a list comprehension, then a tuple: faster than a generator
        [
            new(Token, (m.start(), m.end(), w, m.lastgroup is None, len(w) > 1 and w.isupper()))
            for m in pattern.finditer(text)
            for w in (m.group(),)
        ]
    )


@dataclass(frozen=True, eq=False)
class Document:
    """An article's text and its structure, each part computed once, when first asked for."""

    text: str

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every sentence, whitespace trimmed, in order."""
        return tuple(split_sentences(self.text))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of the blocks of text between blank lines, whitespace trimmed."""
        text, out, start = self.text, [], 0
        for m in [*_BLANK_LINE.finditer(text), None]:
            s, e = start, (m.start() if m else len(text))
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
            if m is not None:
                start = m.end()
        return tuple(out)

    @cached_property
    def names(self) -> tuple[Token, ...]:
        """The capitalised words, the ones names are made of."""
        return _tokens(_NAMES, self.text)

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """All words; the capitalised ones are exactly :attr:`names`."""
        return _tokens(_WORDS, self.text)

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence that ``offset`` is in (or the last one before it); -1
        before the first sentence."""
        return bisect_right(self._sentence_starts, offset) - 1

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence ``offset`` is in (or of the last one before it;
        ``(0, 0)`` in the blank before the first)."""
        k = self.sentence_index(offset)
        return self.sentences[k] if k >= 0 else (0, 0)

    def starts_sentence(self, offset: int) -> bool:
        """Whether the word at ``offset`` opens a sentence (opening quotes and brackets may
        stand before it)."""
        k = self.sentence_index(offset)
        if k < 0:
            return not self.text[:offset].strip(_OPENING)
        s = self.sentences[k][0]
        return offset - s <= 3 and not self.text[s:offset].strip(_OPENING)


_RECENT: dict[str, Document] = {}
_KEEP = 4  # the article being processed, and a few before it


def document(text: str) -> Document:
    """The :class:`Document` of ``text``; the last few are kept, so the components that
    process one article after another (places, dates, events) share one."""
    doc = _RECENT.get(text)
    if doc is None:
        if len(_RECENT) >= _KEEP:
            del _RECENT[next(iter(_RECENT))]
        doc = _RECENT[text] = Document(text)
    return doc
