"""Finding place mentions: capitalised n-grams that are gazetteer names, and demonyms.

The text is split into word tokens once. From every capitalised (or ALL CAPS) token the longest
run of up to six tokens whose name key is in the gazetteer is taken ("Fort Bragg", "New York
City", "Gaza Strip"); lower-case connectors may sit inside ("Isle of Man", "Rio de Janeiro").
A possessive ("Iraq's") is dropped from the span; a hyphenated compound is split when the whole
is not a name ("Iraq-Syria border" gives Iraq and Syria, "Baghdad-based" gives Baghdad);
dotted abbreviations are kept whole ("U.S.", "U.K.", "D.C.").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from explorer.gazetteer import name_key
from explorer.places.lexicon import CONNECTORS

__all__ = ["Span", "Token", "find_spans", "tokenize"]

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# Only capitalised words and the lower-case connectors matter, so only they are tokens; two
# capitalised tokens with any other word between them are never joined (the gap is checked).
_TOKEN = re.compile(
    r"[A-Z][a-z]?\.\s?[A-Z][a-z]{0,3}\."  # W.Va., W. Va., N.Mex.
    r"|(?:St|Mt|Ft|Pt|ST|MT|FT|PT)\.(?=\s[A-Z])"  # St. Petersburg, Mt. Pleasant, ST. PAUL
    r"|(?:[A-Za-z]\.){2,}"  # U.S., D.C.
    rf"|[{_UPPER}](?:[\w'’]|-(?=\w)|\.(?=[A-Za-z]\.))*"
    r"|\b(?:of|de|del|da|do|dos|das|la|le|les|du|des|al|el|upon|on|and|the|y|en)\b"
)
MAX_TOKENS = 6
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    cap: bool  # starts with a capital letter
    upper: bool  # ALL CAPS (two letters or more)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    key: str
    first: int  # index of the first token
    last: int  # index of the last token
    demonym: bool = False


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append(
            Token(m.start(), m.end(), word, word[0].isupper(), len(word) > 1 and word.isupper())
        )
    return out


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            return end - len(suffix)
    return end


def find_spans(
    text: str,
    tokens: list[Token],
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
    # per token: may it sit inside a name, its key (and its key without a possessive), and
    # whether only spaces separate it from the next token
    inner = [t.cap or t.text.lower() in CONNECTORS for t in tokens]
    keys = [name_key(t.text) for t in tokens]
    ends = [_strip_possessive(text, t.start, t.end) for t in tokens]
    last_keys = [
        k if e == t.end else name_key(text[t.start : e])
        for k, e, t in zip(keys, ends, tokens, strict=True)
    ]
    joined = [not text[tokens[k].end : tokens[k + 1].start].strip(" ") for k in range(n - 1)] + [
        False
    ]
    # every n-gram that may be a name, asked of the gazetteer at once
    grams: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    asked: set[str] = set()
    for i in range(n):
        tok = tokens[i]
        if not tok.cap or _CONTRACTION.search(tok.text):
            continue
        reach = i
        while reach + 1 < n and reach + 1 - i < MAX_TOKENS and joined[reach] and inner[reach + 1]:
            reach += 1
        for j in range(reach, i - 1, -1):
            if tokens[j].cap:
                key = last_keys[j] if j == i else " ".join([*keys[i:j], last_keys[j]])
                grams[i].append((j, key))
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
        found: Span | None = None
        for j, key in grams[i]:
            last = tokens[j]
            end = ends[j]
            if key in demonyms:
                found = Span(tok.start, end, text[tok.start : end], key, i, j, demonym=True)
                break
            if key in names:
                if (
                    end == last.end
                    and text[end : end + 1] == "."
                    and key in abbreviations
                    and not last.upper
                ):
                    end += 1  # "Ky.", "Calif.": the abbreviation's full stop is part of it
                found = Span(tok.start, end, text[tok.start : end], key, i, j)
                break
        if found is None:
            found = _compound_or_demonym(text, tok, i, names, demonyms, spans)
            if found is None:
                i += 1
                continue
            if found.first == -1:  # parts of a hyphenated compound were added
                i += 1
                continue
        spans.append(found)
        i = found.last + 1
    return spans


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
                    spans.append(
                        Span(offset, offset + len(part), part, pkey, i, i, demonym=pkey in demonyms)
                    )
                    added = True
            offset += len(part) + 1
        if added:
            return Span(0, 0, "", "", -1, -1)
    return None
