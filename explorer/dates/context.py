"""Sentence context for anchoring: tense of the clause around an expression."""

from __future__ import annotations

import re

__all__ = ["clause_tense", "sentence_bounds"]


# a full stop after these is no sentence end: titles, initials, months, companies ("Mr. Davison",
# "P. Davison", "Feb. 1", "U.S. officials", "Co. said")
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
     "prof", "rev", "jr", "sr", "vs", "no", "co", "corp", "inc", "ltd", "bros", "jan", "feb",
     "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft")
)  # fmt: skip


def _is_stop(text: str, at: int) -> bool:
    """Whether the ". " at ``at`` ends a sentence (not an abbreviation or an initial)."""
    word_start = at
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:at]
    if len(word) == 1 and word.isupper():
        return False  # "P. Davison", "U.S. officials"
    return word.lower() not in _ABBREVIATIONS


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence around ``text[start:end]`` (at most 300 characters each side)."""
    floor = max(0, start - 300)
    lo = max(text.rfind("\n", floor, start), text.rfind("? ", floor, start))
    stop = text.rfind(". ", floor, start)
    while stop > lo and not _is_stop(text, stop):
        stop = text.rfind(". ", floor, stop)
    lo = max(lo, stop)
    lo = floor - 1 if lo < 0 else lo
    ceiling = min(len(text), end + 300)
    hi = text.find("\n", end, ceiling)
    hi = ceiling if hi < 0 else hi
    stop = text.find(". ", end, hi)
    while stop >= 0 and not _is_stop(text, stop):
        stop = text.find(". ", stop + 2, hi)
    return lo + 1, hi if stop < 0 else stop


_CUES = re.compile(
    r"\b(?:(?P<future>will|shall|won't|going to|plans? to|planning|scheduled|expected to|"
    r"expects? to|is to|are to|set to|intends? to|aims? to|upcoming|tomorrow|due to|slated|"
    r"as (?:soon|early) as|would|hopes? to|wants? to|to be held|'ll|payable|effective)"
    r"|(?P<past>said|says|was|were|had|did|ago|yesterday|earlier|announced|reported|told|since|"
    r"began|came|went|met|took|made|gave|fell|rose|held|left|sent|won|lost|became|brought|"
    r"\w+ed))\b"
)
_NOT_PAST = frozenset(
    ("scheduled", "expected", "planned", "proposed", "needed", "indeed", "need", "speed", "feed",
     "seed", "bed", "red", "shed", "hundred", "based", "succeed", "exceed", "proceed", "breed",
     "deed", "heed", "greed", "weed")
)  # fmt: skip


_DETERMINERS = ("the ", " a ", " an ", "its ", "his ", "her ", "their ", "still ", "newly ")


def clause_tense(text: str, start: int, end: int, reach: int = 120) -> str | None:
    """ "future" or "past" from the tense cue nearest the expression in its sentence (a cue
    before it counts more than one after it), or None when the sentence has none."""
    lo, hi = sentence_bounds(text, start, end)
    lo, hi = max(lo, start - reach), min(hi, end + reach)
    segment = text[lo:hi].lower()  # the cues are matched in lower case; offsets from lo
    start, end = start - lo, end - lo
    best: tuple[int, str] | None = None
    for m in _CUES.finditer(segment):
        at = m.start()
        if start <= at < end:
            continue
        kind = "future" if m.group("future") else "past"
        word = m.group(0)
        if kind == "past":
            if word.endswith("ed") and text[lo + at].isupper():
                continue  # "United", "Ted": a name, not a verb
            if segment[max(0, at - 6) : at].endswith(("be ", "been ", "being ")):
                continue  # "will be held": the auxiliary before it tells the tense
            if word.endswith("ed") and segment[max(0, at - 6) : at].endswith(_DETERMINERS):
                continue  # "the reduced dividend", "a still unspecified date": an adjective
            if word in _NOT_PAST:
                if word == "planned":
                    # "planned to leave on Thursday", "planned a march on Saturday" look ahead;
                    # "a vigil planned for Saturday", "the hastily planned visit" say nothing
                    if m.end() > start or not segment.startswith((" to ", " a ", " an "), m.end()):
                        continue
                elif word not in ("scheduled", "expected"):
                    continue
                kind = "future"
        distance = start - m.end() if m.end() <= start else at - end + 40
        if best is None or distance < best[0]:
            best = (distance, kind)
    return None if best is None else best[1]
