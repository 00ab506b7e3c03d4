"""Guards against false places: people, institutions and common words.

* **People.** A given name followed by capitalised words is a person ("John Kerry", "Ash
  Carter"), and so are the capitalised words right after a title ("Sen. Kerry", "President
  Obama", "Secretary Carter"). Their surnames are remembered for the whole article, so a later
  "Kerry said" is still a person, not County Kerry. A single word followed by "said", "told" ...
  is a person too unless it names a country or a first-level region, or a group it places is
  the speaker ("Officials in Karachi said", "Residents of Nasirabad said").
* **Institutions and media** that share a name with a place: Congress (Arizona), White House,
  Reuters, NBC, CNN...
* **Common words**: a one-word name that is among the 6,000 most frequent English words ("Of",
  "Nice", "Reading", "March", "May", "Mobile", "Deal") is kept only when it names a country,
  region or continent, or is qualified ("Reading, Pennsylvania").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.places.lexicon import (
    DESIGNATORS,
    DOTTED_TITLES,
    FIRST_NAMES,
    INSTITUTIONS,
    ORG_WORDS,
    PERSON_VERBS,
    TITLES,
)
from explorer.places.mentions import Token

__all__ = [
    "PersonEvidence",
    "given_names_alone",
    "person_keys",
    "person_tokens",
    "place_like",
    "said_follows",
    "speaker_is_group",
]

_VERBS = "|".join(sorted(PERSON_VERBS))
# "Holroyd said" (weak: "Ottawa said" is a government), "said Holroyd"
_SAID_AFTER = re.compile(
    rf"[’'”\"]?,?[ \t]+(?:{_VERBS}|also said|later said|has said|had said|who said)\b"
)
# "Holroyd, 74,", "Holroyd's daughter", "the Bush administration" (strong)
_PERSON_AFTER = re.compile(
    r",[ \t]+\d{1,3},"
    r"|['’]s[ \t]+(?:son|sons|daughter|daughters|wife|husband|father|mother|brother|sister|"
    r"parents|widow|attorney|lawyer|spokesman|spokeswoman|campaign|administration|death|"
    r"funeral|girlfriend|boyfriend|children)\b"
    r"|[ \t]+(?:administration|campaign|presidency)\b"
)
_PERSON_BEFORE = re.compile(
    rf"(?:\b(?:{_VERBS}|according to|said of|thanked|praised|criticized|told)[ \t]+)$"
)
# "according to Toledo police", "told Duncan officials", "according to the Alturas County
# Sheriff's Office": an organisation word after the name makes it the organisation's place
_ORG_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’.]*){0,3}[ \t]+(?:police|officials|authorities|officers|detectives|"
    r"deputies|investigators|firefighters|prosecutors|residents|leaders|sheriff|"
    r"(?i:police|department|dept\.?|sheriff['’]s|officials|authorities|county|city|township|"
    r"fire|times|post|news|journal|herald|tribune|gazette|daily|star|courier|press|register|"
    r"observer|chronicle|telegraph|inquirer))\b"
)


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Nothing or one space (not a line break) between the two tokens; after a title written
    with a full stop, the stop and one space ("Mr. Lincoln": the tokens are "Mr", "Lincoln")."""
    width = b.start - a.end
    if width == 0 or (width == 1 and text[a.end] == " "):
        return True
    return (
        width == 2
        and text.startswith(". ", a.end)
        and a.text.lower() in DOTTED_TITLES
        and a.text[0].isupper()
    )


def _is_title(word: str) -> bool:
    """ "Sen", "Secretary", "Lt. Gov." (one token): a title, or dotted titles in a row."""
    word = word.rstrip(".").lower()
    return word in TITLES or (
        "." in word and all(part in TITLES for part in word.replace(".", " ").split())
    )


def person_tokens(text: str, tokens: Sequence[Token]) -> tuple[set[int], set[str], set[str]]:
    """Indices of tokens that are part of people's names, the surnames and the given names
    (lower-case) of the people named in full ("Georgia Stevens")."""
    people: set[int] = set()
    surnames: set[str] = set()
    given: set[str] = set()
    n = len(tokens)
    for i, tok in enumerate(tokens):
        word = tok.text.rstrip(".").lower()
        starts_name = tok.cap and not tok.upper and word in FIRST_NAMES
        after_title = tok.cap and _is_title(word)
        if not (starts_name or after_title):
            continue
        j = i + 1
        run: list[int] = [i] if starts_name else []
        while j < n and j - i <= 4 and tokens[j].cap and _adjacent(text, tokens[j - 1], tokens[j]):
            if not run and _is_title(tokens[j].text):
                j += 1
                continue
            run.append(j)
            j += 1
        if any(
            tokens[k].text.lower().rstrip(".") in DESIGNATORS
            or tokens[k].text.lower().rstrip(".") in ORG_WORDS
            for k in run[1:]
        ):
            continue  # "Henry County", "Georgia Public Service Commission": not a person
        if starts_name and len(run) < 2:
            continue  # a first name alone ("Jordan", "Chad") may well be a place
        if not run:
            continue
        people.update(run)
        if starts_name and not _THE_BEFORE.search(text, max(0, tok.start - 5), tok.start):
            given.add(word)  # (not "the Jordan Hubmen", a team)
        surname = tokens[run[-1]].text
        for suffix in ("'s", "’s"):
            if surname.endswith(suffix):
                surname = surname[: -len(suffix)]
        if len(run) >= 1:
            surnames.add(surname.lower())
    return people, surnames, given


# "Officials in Karachi said", "Residents of Nasirabad said", "the army in Quetta said": the
# speaker is the group before the preposition, the name is where that group is. ("The wife of
# Holroyd said", "a spokesman for Kerry said" are people: after "of", "from" or "for" only
# these words make the name a place.)
_GROUPS = (
    "residents|inhabitants|people|villagers|citizens|farmers|locals|families|survivors|"
    "officials|authorities|police|mayor|governor|government|council|administration"
)
_GROUP_BEFORE = re.compile(
    rf"(?:\bin|\b(?:{_GROUPS})[ \t]+(?:of|from))[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)


def speaker_is_group(text: str, start: int) -> bool:
    """True when the name starting at ``start`` follows "in" or "<group> of|from" ("Police in
    Dar es Salaam said ..."): a speech verb after it is the group's, not the name's."""
    return bool(_GROUP_BEFORE.search(text, max(0, start - 30), start))


def said_follows(text: str, end: int) -> bool:
    """True when the word after ``end`` is a speech verb ("Kerry said")."""
    rest = text[end : end + 12].lstrip(" ,")
    word = rest.split(" ", 1)[0].strip(".,;:").lower()
    return word in PERSON_VERBS


def person_keys(text: str, spans: list[tuple[str, int, int]]) -> dict[str, bool]:
    """One-word names that the article uses for a person at least once, each with True when
    the evidence is strong (an age, a family word, "administration") rather than a speech
    verb ("Holroyd said", "said Holroyd"; "Ottawa said" is a government).
    ``spans``: (key, start, end) of one-word candidates."""
    out: dict[str, bool] = {}
    for key, start, end in spans:
        if out.get(key):
            continue
        if _PERSON_AFTER.match(text, end):
            out[key] = True
        elif (_SAID_AFTER.match(text, end) and not speaker_is_group(text, start)) or (
            _PERSON_BEFORE.search(text, max(0, start - 20), start)
            and not _ORG_AFTER.match(text, end)
        ):
            out[key] = False
    return out


def is_institution(key: str) -> bool:
    return key in INSTITUTIONS


_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|to|of|into|across|near|throughout|around|outside|inside|via|toward|"
    r"towards|through|visit|visited|visiting|leave|left|leaving)[ \t]+|,[ \t]*)$",
    re.IGNORECASE,
)


_THE_BEFORE = re.compile(r"\b(?:the|The|THE)[ \t]+$")


def place_like(text: str, start: int) -> bool:
    """A mention after a preposition ("in Georgia") or a comma ("Atlanta, Georgia")."""
    return bool(_PLACE_BEFORE.search(text, max(0, start - 12), start))


def given_names_alone(text: str, given: set[str], mentions: list[tuple[str, int, int]]) -> set[str]:
    """ "Georgia Stevens ... Georgia began skating": given names of people the article names
    in full that it never uses like a place (after a preposition or a comma, not as a
    possessive). ``mentions``: (key, start, end) of one-word candidates."""
    if not given:
        return set()
    named = {key for key, _, _ in mentions if key in given}
    for key, start, end in mentions:
        possessive = text.startswith(("'s", "’s"), end)  # "to Georgia's credit": hers
        if key in named and not possessive and place_like(text, start):
            named.discard(key)
    return named


class PersonEvidence:
    """:func:`person_keys` asked lazily, name by name (most names never need it)."""

    def __init__(self, text: str, spans: list[tuple[str, int, int]]) -> None:
        self._text = text
        self._spans: dict[str, list[tuple[str, int, int]]] = {}
        for span in spans:
            self._spans.setdefault(span[0], []).append(span)
        self._memo: dict[str, bool | None] = {}

    def get(self, key: str) -> bool | None:
        """True (strong evidence), False (a speech verb) or None (no person)."""
        if key not in self._memo:
            self._memo[key] = person_keys(self._text, self._spans.get(key, [])).get(key)
        return self._memo[key]
