"""Sentence context for anchoring: tense of the clause around an expression (the sentences are
the document model's, :mod:`explorer.document`)."""

from __future__ import annotations

import re

from explorer.document import document

__all__ = ["clause_tense", "sentence_bounds"]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence around ``text[start:end]`` (the document's sentences, at most
    300 characters each side)."""
    lo, hi = document(text).sentence_at(start)
    return max(lo, start - 300), min(max(hi, end), end + 300)


_CUES = re.compile(
    r"\b(?:(?P<future>will|shall|won't|going to|plans? to|planning|scheduled|expected to|"
    r"expects? to|is to|are to|set to|intends? to|aims? to|upcoming|tomorrow|due to|slated|"
    r"as (?:soon|early) as|would|hopes? to|wants? to|to be held|'ll|payable|effective|"
    r"expects?|forecasts?|predicts?|anticipates?|likely to|due|should|might|"
    r"postponed|delayed|adjourned|deferred|extended|put off|pushed back|"
    r"begins|starts|opens|expires|resumes|arrives|takes? effect|comes? into (?:force|effect)|"
    r"goes into effect|go into effect)"
    r"|(?P<past>said|says|was|were|had|did|ago|yesterday|earlier|announced|reported|told|since|"
    r"began|came|went|met|took|made|gave|fell|rose|held|left|sent|won|lost|became|brought|"
    r"\w+ed))\b"
)
_NOT_PAST = frozenset(
    ("scheduled", "expected", "planned", "proposed", "needed", "indeed", "need", "speed", "feed",
     "seed", "bed", "red", "shed", "hundred", "based", "succeed", "exceed", "proceed", "breed",
     "deed", "heed", "greed", "weed")
)  # fmt: skip


_FORWARD_VERBS = frozenset(
    ("postponed", "delayed", "adjourned", "deferred", "extended", "put off", "pushed back")
)
# the words between such a verb and its new date: "postponed it until", "extended the deadline to"
_FORWARD_LINK = re.compile(
    r"(?:\s+[\w$',.-]+){0,5}?\s+(?:until|till|to|through|into|for)\s+(?:the\s+)?$"
)

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
        if word in _FORWARD_VERBS:
            # "postponed until Tuesday", "extended the deadline to March": the new date lies
            # ahead; the act itself ("the vote was postponed on Monday") is past
            if segment[max(0, at - 6) : at].endswith(_DETERMINERS):
                continue  # "an extended stay": an adjective
            forward = m.end() <= start and _FORWARD_LINK.match(segment, m.end(), start)
            kind = "future" if forward else "past"
        elif word in ("should", "might") and segment.startswith(" have", m.end()):
            kind = "past"  # "might have left on Friday"
        elif kind == "past":
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
