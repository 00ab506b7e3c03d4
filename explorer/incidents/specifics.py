"""Specifics: what tells one incident from another of the same kind in the same town and week.

:func:`find_specifics` reads a title and text and returns strings with a kind prefix, the
format of :attr:`IncidentReport.specifics`:

* ``person:julian sims``: a person named in full (a known given name followed by capitalised
  words, or a title and a name: the places pipeline's person guard), lower-case;
* ``street:versailles avenue``: a street, road or avenue named ("1500 block of Versailles
  Avenue", "Versailles Ave."), its kind word spelt out; ``address:1506 versailles avenue`` when
  a house number comes before it;
* ``age:20``: an age given as "20-year-old" or ", 20,";
* ``killed:3``/``injured:4`` come from the report's counts, not from here.

:func:`text_terms` gives the words of a title and the first paragraphs, for the similarity of
two reports' wording (TF-IDF, :mod:`explorer.incidents.group`). Both are pure functions of the
text: the same article always gives the same specifics.
"""

from __future__ import annotations

import re
from functools import lru_cache

from explorer.document import document
from explorer.places.guards import person_tokens
from explorer.places.lexicon import FIRST_NAMES
from explorer.places.mentions import tokenize

__all__ = ["find_specifics", "text_terms"]

# street kinds as written -> spelt out
_STREET_KINDS = {
    "street": "street",
    "st": "street",
    "avenue": "avenue",
    "ave": "avenue",
    "av": "avenue",
    "road": "road",
    "rd": "road",
    "boulevard": "boulevard",
    "blvd": "boulevard",
    "drive": "drive",
    "dr": "drive",
    "lane": "lane",
    "ln": "lane",
    "court": "court",
    "ct": "court",
    "place": "place",
    "pl": "place",
    "parkway": "parkway",
    "pkwy": "parkway",
    "highway": "highway",
    "hwy": "highway",
    "terrace": "terrace",
    "way": "way",
    "circle": "circle",
    "pike": "pike",
    "expressway": "expressway",
    "freeway": "freeway",
}
_KINDS = "|".join(sorted((k.capitalize() for k in _STREET_KINDS), key=len, reverse=True))
_STREET = re.compile(
    r"(?:\b(\d{1,6})(?:\s+block\s+of)?\s+)?"
    r"\b((?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?"
    r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z'’]+)(?:\s+[A-Z][a-z'’]+){0,2})"
    rf"\s+({_KINDS})\b\.?"
)
_AGE = re.compile(r"\b(\d{1,2})-year-old\b|,\s(\d{1,2}),\s")
# words never worth matching on in a title or lead
_STOP = frozenset(
    """a an the of in on at to for from by with and or but is are was were be been being has
    have had it its this that these those he she they them his her their him who whom which
    what when where why how as after before over under into out up down about than then there
    not no said says say police man woman men women year old years one two three four five six
    seven eight nine ten more most other some any all also new news local sunday monday
    tuesday wednesday thursday friday saturday night morning afternoon evening day week today
    yesterday am pm com www http https update video photos watch live breaking story""".split()
)
# bylines and credits: "By Sam Charles", "-- Nicole Santa Cruz", "Sam Charles/Sun-Times",
# "Staff writer Matthew Santoni contributed", "Reach Jane Doe at ..."
_CREDIT_BEFORE = re.compile(
    r"(?:\b(?:[Bb]y|BY|[Ww]riters?|[Rr]eporters?|[Cc]ontact|[Rr]each|[Ee]mail|[Pp]hotos?:?)"
    r"|--|—|–|\||©)[ \t]*$"
)
_CREDIT_AFTER = re.compile(
    r"[ \t]*(?:/|\||,?[ \t]+(?:contributed|reported|can be reached|is a (?:\w+ )?"
    r"(?:reporter|writer|editor|correspondent)|at \S+@|\(\S+@))"
)
_OFFICIALS = (
    r"(?:Sgt|Sergeant|Officer|Lt|Lieutenant|Capt|Captain|Chief|Sheriff|Det|Detective|Deputy|"
    r"Cpl|Corporal|Trooper|Agent|Marshal|Cmdr|Commander|Major|Maj|Spokesman|Spokeswoman|"
    r"Spokesperson|Mayor|Gov|Governor|Sen|Senator|Rep|Representative|Judge|Justice|Attorney|"
    r"Prosecutor|Commissioner|Superintendent|Supt|Coroner|Examiner|Investigator|Councilman|"
    r"Councilwoman|Alderman|President|Pastor|Rev|Reverend|Dr|Anchor|Reporter|Activist)"
)
# "Police Sgt. Jesse Salame", "spokesman Josh McGhee", "Chief of Police Joe Bass"
_OFFICIAL_BEFORE = re.compile(
    rf"(?i:\b{_OFFICIALS})\.?(?:[ \t]+(?:of[ \t]+)?[A-Z][a-z]+\.?)?[ \t]+$"
)
# "Josh McGhee, a police spokesman", "Joe Bass, spokesman for the ..."
_OFFICIAL_AFTER = re.compile(
    r",[ \t]+(?:(?:a|an|the)[ \t]+)?(?:[\w-]+[ \t]+){0,3}?"
    r"(?i:spokes\w*|officer|sergeant|sgt|lieutenant|chief|sheriff|detective|deputy|"
    r"commander|mayor|governor|judge|attorney|prosecutor|activist|reporter|director|coroner)\b"
)
# words that end a capitalised run but are not names ("Austin Shooting", "Martin Luther King
# Day", "Bobby Jones Lane")
_NOT_NAMES = frozenset(
    "shooting shootings day jr sr high school street avenue road lane drive boulevard park "
    "center centre hospital church police department county city court university college "
    "memorial foundation elementary middle academy".split()
)
LEAD_CHARS = 800  # the title and this much of the text make the wording compared


def _person_names(text: str) -> set[str]:
    tokens = tokenize(text)
    people, _surnames, _given = person_tokens(text, tokens)
    runs: list[list[int]] = []
    for i in sorted(people):
        if runs and runs[-1][-1] == i - 1 and text[tokens[i - 1].end : tokens[i].start] == " ":
            runs[-1].append(i)
        else:
            runs.append([i])
    names: set[str] = set()
    for run in runs:
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        if _CREDIT_BEFORE.search(text, max(0, start - 30), start) or _CREDIT_AFTER.match(text, end):
            continue  # the reporter or photographer, not someone in the story
        if _OFFICIAL_BEFORE.search(text, max(0, start - 40), start) or _OFFICIAL_AFTER.match(
            text, end
        ):
            continue  # an official who speaks of many incidents ("Sgt. Jesse Salame")
        words = [_unpossessive(tokens[i].text).lower() for i in run]
        # a full name is at least two words and starts with a given name ("Julian Sims"), not
        # a title and a surname ("Chief Smith") nor an initial ("Daniel H")
        if (
            len(words) >= 2
            and words[0] in FIRST_NAMES
            and all(len(w) > 1 and w not in _NOT_NAMES for w in words)
        ):
            names.add(" ".join(words))
    return names


def _unpossessive(word: str) -> str:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=64)  # an article's reports are grouped one after another: read it once
def find_specifics(title: str, text: str) -> frozenset[str]:
    """The people, streets, addresses and ages that ``title`` and ``text`` name."""
    body = f"{title}\n\n{text}" if title else text
    out: set[str] = {f"person:{n}" for n in _person_names(body)}
    for m in _STREET.finditer(body):
        name = " ".join(m.group(2).replace(".", "").split()).lower()
        if name.split()[0] in ("the", "a", "on", "in", "at", "of"):
            continue
        kind = _STREET_KINDS[m.group(3).lower()]
        street = f"{name} {kind}"
        out.add(f"street:{street}")
        if m.group(1):
            out.add(f"address:{m.group(1)} {street}")
    for m in _AGE.finditer(body):
        out.add(f"age:{int(m.group(1) or m.group(2))}")
    return frozenset(out)


@lru_cache(maxsize=64)
def text_terms(title: str, text: str) -> tuple[str, ...]:
    """The words of ``title`` and of the first :data:`LEAD_CHARS` characters of ``text``,
    lower-case, without stop words (a word may repeat: the caller counts)."""
    lead = text[:LEAD_CHARS]
    words = (t.text for t in document(f"{title or ''}\n{lead}").words)
    return tuple(
        w
        for w in (x.lower().replace("’", "'").removesuffix("'s") for x in words)
        if len(w) > 1 and w not in _STOP
    )
