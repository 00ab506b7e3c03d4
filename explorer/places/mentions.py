"""Finding place mentions: capitalised n-grams that are gazetteer names, and demonyms.

The text is split into word tokens once, by the document model (:mod:`explorer.document`). From
every capitalised (or ALL CAPS) token the longest run of up to six tokens whose name key is in
the gazetteer is taken ("Fort Bragg", "New York City", "Gaza Strip"); lower-case connectors may
sit inside ("Isle of Man", "Rio de Janeiro"). A possessive ("Iraq's") is dropped from the span;
a hyphenated compound is split when the whole is not a name ("Iraq-Syria border" gives Iraq and
Syria, "Baghdad-based" gives Baghdad); dotted abbreviations are kept whole ("U.S.", "U.K.",
"D.C.").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from explorer.document import Token, document
from explorer.gazetteer import name_key
from explorer.places.lexicon import CONNECTORS, DESIGNATOR_AFTER, DESIGNATOR_BEFORE

__all__ = ["Span", "Token", "find_spans", "tokenize"]

# Two tokens are joined into a name only when nothing but spaces and lower-case connectors
# ("of", "de") separate them.
_CONNECTORS = "|".join(sorted(CONNECTORS, key=len, reverse=True))
_LINK = re.compile(rf" *(?:(?:{_CONNECTORS})(?!\w) *)*")
MAX_TOKENS = 6  # a name has at most this many words, connectors included
_LONGEST_LINK = 5 * (max(len(c) for c in CONNECTORS) + 1) + 1  # spaces and connectors only
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)


class Span(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    first: int  # index of the first token
    last: int  # index of the last token
    demonym: bool = False


def tokenize(text: str) -> Sequence[Token]:
    """The capitalised words of ``text`` (with dotted abbreviations kept whole): the document
    model's names (:attr:`explorer.document.Document.names`)."""
    return document(text).names


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            return end - len(suffix)
    return end


def _links(text: str, tokens: Sequence[Token]) -> list[tuple[str, ...] | None]:
    """Per pair of neighbouring tokens: the connectors between them (often none), or None
    when anything else separates them."""
    out: list[tuple[str, ...] | None] = []
    none: tuple[str, ...] = ()
    for a, b in itertools.pairwise(tokens):
        width = b.start - a.end
        if width > _LONGEST_LINK:
            out.append(None)  # most gaps: whole phrases between two capitalised words
            continue
        gap = text[a.end : b.start]
        if gap == " " or not gap.strip(" "):
            out.append(none)
        elif _LINK.fullmatch(gap):
            out.append(tuple(gap.split()))
        else:
            out.append(None)
    out.append(None)
    return out


def find_spans(
    text: str,
    tokens: Sequence[Token],
    known: Callable[[set[str]], Collection[str]] | Collection[str],
    demonyms: frozenset[str],
    abbreviations: frozenset[str] = frozenset(),
) -> list[Span]:
    """Candidate place spans, left to right, not overlapping.

    ``known``: the gazetteer's names, or a function that tells which of a set of keys are
    names (all the text's n-grams are asked at once). ``abbreviations``: keys whose written
    form takes a full stop ("Ky.")."""
    spans: list[Span] = []
    n = len(tokens)
    # per token: its key, where it ends without a possessive and its key then
    keys: list[str] = []
    ends: list[int] = []
    last_keys: list[str] = []
    for t in tokens:
        word = t.text
        key = name_key(word)
        keys.append(key)
        if "'" in word or "’" in word:
            end = _strip_possessive(text, t.start, t.end)
            ends.append(end)
            last_keys.append(key if end == t.end else name_key(text[t.start : end]))
        else:
            ends.append(t.end)
            last_keys.append(key)
    links = _links(text, tokens)
    # every n-gram that may be a name (longest first), asked of the gazetteer at once
    # (index of the last token, or -index - 1 for a last token kept with its "'s"; key)
    grams: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    asked: set[str] = set()
    for i in range(n):
        tok = tokens[i]
        if ("'" in tok.text or "’" in tok.text) and _CONTRACTION.search(tok.text):
            continue
        if links[i] is None:  # most tokens: no name goes on past them
            grams[i] = [(i, last_keys[i])]
            asked.add(last_keys[i])
            if "-" in tok.text:
                word = text[tok.start : ends[i]]
                asked.update(name_key(part) for part in word.split("-") if part)
            continue
        found = [(i, last_keys[i])]
        parts = [keys[i]]
        count, k = 1, i
        while k + 1 < n:
            link = links[k]
            if link is None:
                break
            count += len(link) + 1
            if count > MAX_TOKENS:
                break
            parts.extend(link)
            found.append((k + 1, " ".join([*parts, last_keys[k + 1]])))
            if keys[k + 1] != last_keys[k + 1]:
                # "St. John's": a name whose last word has the "'s" (asked first: longest)
                found.append((-(k + 1) - 1, " ".join([*parts, keys[k + 1]])))
            parts.append(keys[k + 1])
            k += 1
        found.reverse()
        grams[i] = found
        for _, key in found:
            asked.add(key)
        if "-" in tok.text:
            word = text[tok.start : ends[i]]
            asked.update(name_key(part) for part in word.split("-") if part)
    names = known(asked) if callable(known) else known
    i = 0
    while i < n:
        tok = tokens[i]
        if not grams[i]:
            i += 1
            continue
        span: Span | None = None
        for j, key in grams[i]:
            if j < 0:  # the whole last token, "'s" included
                j = -j - 1
                if key not in names:
                    continue
                last = tokens[j]
                span = Span(tok.start, last.end, text[tok.start : last.end], key, i, j)
                break
            last = tokens[j]
            end = ends[j]
            if key in demonyms:
                span = Span(tok.start, end, text[tok.start : end], key, i, j, demonym=True)
                break
            if key in names:
                if (
                    end == last.end
                    and text[end : end + 1] == "."
                    and key in abbreviations
                    and not last.upper
                ):
                    end += 1  # "Ky.", "Calif.": the abbreviation's full stop is part of it
                span = Span(tok.start, end, text[tok.start : end], key, i, j)
                break
        if span is None:
            # (the token alone was asked above, so only a hyphenated compound is left)
            if "-" in tok.text:
                span = _compound_or_demonym(text, tok, i, names, demonyms, spans)
            if span is None or span.first == -1:  # none, or parts of a compound were added
                i += 1
                continue
        if (
            not span.demonym
            and span.first == i
            and len(span.text) > 2
            and not span.text.isupper()
            and tokens[span.last].text not in DESIGNATOR_AFTER  # "Peace River Valley"
        ):
            span = _with_designators(text, tokens, span, spans)
        spans.append(span)
        i = span.last + 1
    return spans


def _with_designators(text: str, tokens: Sequence[Token], span: Span, spans: list[Span]) -> Span:
    """ "Lake Erie", "Salinas Valley", "Fars Province": a kind of region or water next to a
    place the gazetteer has, making a name it has not. The span reports the whole name and
    resolves as the place inside it (usually near or around it)."""
    first, last, start, end = span.first, span.last, span.start, span.end
    if first > 0 and tokens[first - 1].text in DESIGNATOR_BEFORE:
        before = tokens[first - 1]
        if text[before.end : start] == " ":
            if spans and spans[-1].last == first - 1:
                spans.pop()  # "West" alone was a candidate (West, Texas): now part of this
            first, start = first - 1, before.start
    if last + 1 < len(tokens) and end == tokens[last].end:
        after = tokens[last + 1]
        if after.text in DESIGNATOR_AFTER and text[end : after.start] == " ":
            last, end = last + 1, after.end
    if (first, last) == (span.first, span.last):
        return span
    return Span(start, end, text[start:end], span.key, first, last)


def _compound_or_demonym(
    text: str,
    tok: Token,
    i: int,
    names: Collection[str],
    demonyms: frozenset[str],
    spans: list[Span],
) -> Span | None:
    end = _strip_possessive(text, tok.start, tok.end)
    word = text[tok.start : end]
    key = name_key(word)
    if key in demonyms:
        return Span(tok.start, end, word, key, i, i, demonym=True)
    if "-" in word:
        offset = tok.start
        added = False
        for part in word.split("-"):
            if part and part[0].isupper():
                pkey = name_key(part)
                if pkey in names or pkey in demonyms:
                    stop = offset + len(part)
                    if "." in part and text[stop : stop + 1] == "." and stop == tok.end:
                        stop += 1  # "D-S.C.": the abbreviation keeps its last full stop
                    spans.append(
                        Span(offset, stop, text[offset:stop], pkey, i, i, demonym=pkey in demonyms)
                    )
                    added = True
            offset += len(part) + 1
        if added:
            return Span(0, 0, "", "", -1, -1)
    return None
