"""Sentence splitting for news that survives abbreviations ("U.S.", "Sen.", "Gen.", "Jan.").

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by space
and a capital letter, digit or opening quote, or at a blank line or line break before a capital;
except after a known abbreviation, an initial ("John F. Kennedy"), or a dotted acronym followed
by a lower-case word or a name.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

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
# Dotted acronyms that are often *not* sentence ends: "the U.S. military", "U.N. officials".
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)|\n\s*\n""")
_NEXT_START = re.compile(r"""\s+["'“‘(\[]?[A-Z0-9]""")
# matched at an offset (pattern.match(text, pos)): no copy of the rest of the text each time
_LINE_END = re.compile(r"[ \t]*\n")
_CAPITAL_NEXT = re.compile(r"\s*[A-Z0-9\"“]")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _is_boundary(text: str, end: int, match: str) -> bool:
    if match.startswith("\n"):
        return True
    nxt = _NEXT_START.match(text, end)
    if nxt is None:
        # A line break followed by a capital is still a boundary (headlines, bylines).
        return bool(_LINE_END.match(text, end)) and bool(_CAPITAL_NEXT.match(text, end))
    if not match.startswith("."):
        return True
    before = text[max(0, end - 40) : end - len(match) + 1]
    word = re.search(r"([A-Za-z][A-Za-z.\-]*)\.?$", before.rstrip("."))
    token = word.group(1).lower().rstrip(".") if word else ""
    if token in ABBREVIATIONS:
        return False
    if re.search(r"(?:^|\s)[A-Z]\.$", before):  # an initial: "John F. Kennedy"
        return False
    if _ACRONYM.search(before):
        # "U.S. forces" continues; "... in the U.S. The next" ends: look at the next word.
        following = _NEXT_WORD.match(text, end)
        nxt_word = following.group(1) if following else ""
        return nxt_word in _SENTENCE_OPENERS
    return True


_SENTENCE_OPENERS = frozenset(
    """The A An It He She They We I In On At But And This That These Those There His Her Their
    Its Our Officials Meanwhile However After Before When While Both According""".split()
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
