"""One case-insensitive text match for every backend: Python's ``str.casefold``.

The text filter keeps an event when the folded search text is a substring of a folded column
(``straße`` finds ``STRASSE``, ``ﬁnal`` finds ``final``, ``ΣΟΦΟΣ`` finds ``σοφος`` and
``σοφοσ``). Folding every cell in Python is slow, and the vectorised ``lower()`` of DuckDB or
Arrow folds a few hundred characters differently (``ß``, ``ﬁ``, ``ς``, ``µ``, ``İ``,
Cherokee, the characters of a newer Unicode version than Python's...). So each backend lowers
with its own fast ``lower()`` and treats those characters apart:

* :func:`fold_table` takes how the backend lowers every character (asked once) and keeps the
  ones whose result is not ``casefold``'s: the *special* characters of that backend;
* :func:`plan` picks, for one search text, the special characters that could take part in a
  match (their folding or lowering shares a character with the folded search text). A cell
  with none of them matches exactly when ``lower(cell)`` contains the folded text; a cell with
  some is folded exactly (Python's ``casefold``, or a few SQL ``replace`` calls around DuckDB's
  ``lower``).

Why it is exact: folding is a character-by-character mapping, and ``casefold`` is
idempotent, so a character whose folding is not itself never occurs in a folded search text.
A special character outside the plan maps, in both foldings, to characters the search text
does not contain: no occurrence of the search text can overlap it (tested on every code point).
Turkish dotless ``ı`` is not ``i`` for ``casefold`` either (Unicode's default, not Turkish,
folding): both backends agree that ``KADIKÖY`` does not find ``Kadıköy``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LIMIT", "FoldPlan", "FoldTable", "fold", "fold_table", "plan"]

LIMIT = 0x20000  # no character at or above folds or lowers in any Unicode version so far


def fold(text: str) -> str:
    """The folding every backend follows: :meth:`str.casefold`."""
    return text.casefold()


@dataclass(frozen=True)
class FoldTable:
    """How one backend lowers the characters it lowers differently from ``casefold``."""

    lower: dict[str, str] = field(default_factory=dict)  # special character -> backend lower

    @property
    def special(self) -> frozenset[str]:
        return frozenset(self.lower)


@dataclass(frozen=True)
class FoldPlan:
    """For one folded search text: the special characters that matter (``chars``); those to
    replace by their folding before lowering (``before``: the lowering leaves the folding
    as it is) and the lowered ones to replace after (``after``: lowered -> folded)."""

    needle: str
    chars: tuple[str, ...] = ()
    before: tuple[tuple[str, str], ...] = ()
    after: tuple[tuple[str, str], ...] = ()


def fold_table(lowered: dict[str, str]) -> FoldTable:
    """The special characters of a backend whose ``lower`` changes the characters of
    ``lowered`` (character -> its lower case) and leaves every other one as it is."""
    chars = {
        chr(i) for i in range(LIMIT) if not 0xD800 <= i <= 0xDFFF and chr(i).casefold() != chr(i)
    }
    chars.update(lowered)
    return FoldTable(
        {c: lowered.get(c, c) for c in sorted(chars) if lowered.get(c, c) != c.casefold()}
    )


def plan(table: FoldTable, needle: str) -> FoldPlan:
    """What matching the folded ``needle`` needs beyond the backend's ``lower`` (see the
    module notes). ``after`` pairs are consistent: every special character lowered to the same
    string folds to the same string (else it goes ``before``)."""
    wanted = set(needle)
    chars = [c for c, lo in table.lower.items() if wanted & (set(c.casefold()) | set(lo))]
    # all characters lowering to the same string as a chosen one come too
    lows = {table.lower[c] for c in chars}
    chars = sorted({*chars, *(c for c, lo in table.lower.items() if lo in lows)})
    groups: dict[str, set[str]] = {}
    for c in chars:
        groups.setdefault(table.lower[c], set()).add(c.casefold())
    before: list[tuple[str, str]] = []
    after: dict[str, str] = {}
    for c in chars:
        folded, lo = c.casefold(), table.lower[c]
        if all(table.lower.get(x, x) == x for x in folded):
            before.append((c, folded))  # lowering keeps the folding as it is
        elif len(lo) == 1 and lo.casefold() != lo and len(groups[lo]) == 1:
            after[lo] = folded  # no other character lowers to lo (folded text never has it)
        else:  # not seen in any Unicode version so far (the tests check every code point)
            before.append((c, folded))
    return FoldPlan(needle, tuple(chars), tuple(before), tuple(after.items()))
