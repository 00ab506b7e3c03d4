"""A keyword lexicon for event categories.

Each category lists word stems; a sentence gets every category one of whose stems starts a word
in it (case-insensitive): "airstrikes" matches ``airstrike``, "negotiators" ``negotiat``. The
lexicon is deliberately small and readable: edit :data:`LEXICON` or pass your own.

| category | what it covers |
|---|---|
| military | armed forces, fighting, weapons, deployments, raids, sieges |
| terrorism | attacks on civilians by armed groups, bombings, hostage taking, extremist groups |
| diplomatic | talks, envoys, treaties, summits, coalitions, sanctions, foreign ministers |
| political | governments, elections, parliaments, laws, parties, officials' decisions |
| humanitarian | civilians, refugees, displacement, aid, casualties, shelters, hunger, disease |
| legal | courts, trials, charges, arrests, investigations |
| economic | trade, markets, oil, budgets, prices, jobs |
| disaster | floods, storms, earthquakes, droughts, wildfires, landslides, heat waves |
| accident | crashes, collisions, derailments, capsized boats, collapses, fires, explosions |
| crime | shootings, murders, robberies, stabbings, kidnappings, assaults |
| protest | protests, demonstrations, rallies, marches, riots, sit-ins, boycotts |
| health | epidemics, vaccines, viruses, infections, clinics, public health |

A user's own lexicon (a JSON or YAML file mapping each category to its words) adds categories
or replaces the words of one: :func:`load_lexicon`, :func:`recategorise`, ``--lexicon FILE`` on
the command line and ``Explorer(table, lexicon=...)`` in the panel.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.errors import ConfigurationError

if TYPE_CHECKING:
    from explorer.events.table import EventTable

__all__ = ["LEXICON", "Lexicon", "categorise", "load_lexicon", "merged_lexicon", "recategorise"]

Lexicon = Mapping[str, tuple[str, ...]]

LEXICON: Mapping[str, tuple[str, ...]] = {
    "military": (
        "troop", "soldier", "forces", "military", "army", "armies", "marine", "airstrike",
        "air strike", "strike", "bomb", "raid", "offensive", "battle", "fight", "combat", "siege",
        "deploy", "special operations", "special forces", "operators", "jsoc", "commando",
        "drone", "missile", "artillery", "shell", "militia", "peshmerga", "insurgent", "rebel",
        "recaptur", "retak", "liberat", "seiz", "captur", "advance", "retreat", "ambush",
        "weapon", "tank", "fighter", "jet", "base", "pentagon", "defense secretary",
        "defence", "ground raid", "mission",
    ),
    "terrorism": (
        "terror", "isis", "isil", "islamic state", "daesh", "al-qaeda", "al qaeda", "nusra",
        "suicide", "hostage", "beheading", "execution", "massacre", "gunmen", "extremis",
        "jihad", "car bomb", "ied",
    ),
    "disaster": (
        "flood", "rainfall", "monsoon", "downpour", "storm", "cyclone", "hurricane", "typhoon",
        "tornado", "earthquake", "quake", "tremor", "tsunami", "drought", "wildfire",
        "bushfire", "forest fire", "landslide", "mudslide", "avalanche", "heat wave",
        "heatwave", "volcan", "eruption", "natural disaster", "inundat", "submerg",
    ),
    "accident": (
        "accident", "crash", "collision", "collided", "derail", "capsiz", "sank", "sinking",
        "shipwreck", "plane crash", "collapse", "blaze", "caught fire", "gas leak",
        "explosion at", "mine disaster", "stampede", "electrocut",
    ),
    "crime": (
        "shooting", "shot", "gunfire", "gunshot", "murder", "homicide", "robber", "stabb",
        "kidnap", "abduct", "carjack", "burglar", "assault", "manslaughter", "suspect",
        "gang", "drug traffick", "smuggl", "theft", "stolen",
    ),
    "protest": (
        "protest", "demonstrat", "rally", "rallies", "march", "riot", "sit-in", "boycott",
        "strike action", "walkout", "picket", "unrest", "tear gas", "dispers",
    ),
    "health": (
        "epidemic", "pandemic", "vaccin", "virus", "infection", "infected", "covid",
        "coronavirus", "dengue", "malaria", "measles", "ebola", "tuberculosis", "clinic",
        "public health", "health ministry", "world health organization", "quarantin",
    ),
    "diplomatic": (
        "diplomat", "embass", "ambassador", "envoy", "talks", "negotiat", "summit", "treaty",
        "agreement", "ceasefire", "truce", "coalition", "alliance", "sanction",
        "secretary of state", "foreign minister", "foreign relations", "united nations",
        "security council", "nato", "visit", "partners", "bilateral",
    ),
    "political": (
        "government", "president", "prime minister", "parliament", "congress", "senate",
        "election", "vote", "law", "minister", "official", "party", "white house", "approv",
        "announce", "policy", "committee", "governor", "mayor", "cabinet", "testif",
    ),
    "humanitarian": (
        "civilian", "refugee", "displac", "flee", "fled", "aid", "humanitarian", "shelter",
        "camp", "famine", "hunger", "starv", "cholera", "disease", "outbreak", "casualt",
        "killed", "dead", "death", "wounded", "injur", "evacuat", "rescue", "hospital",
        "medical", "unhcr", "unicef", "red cross", "red crescent",
    ),
    "legal": (
        "court", "trial", "judge", "charged", "charges", "convict", "sentenc", "arrest",
        "indict", "lawsuit", "prosecut", "investigat", "police",
    ),
    "economic": (
        "economy", "economic", "trade", "market", "oil", "budget", "price", "jobs", "tax",
        "bank", "invest", "export", "import", "tariff",
    ),
}  # fmt: skip


def _compile(lexicon: Mapping[str, tuple[str, ...]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for category, stems in lexicon.items():
        alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        out.append((category, re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)))
    return out


def _trie(stems: Iterable[str]) -> str:
    """One pattern for all ``stems`` that matches the longest of them starting here: a trie,
    so each character is tried once instead of once per stem."""
    root: dict[str, Any] = {}
    for stem in stems:
        node = root
        for ch in stem:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer stem first

    return emit(root)


class _Categoriser:
    """All of a lexicon's categories in one pass over a text.

    A lookahead finds, at every word start, the longest stem of any category starting there;
    every stem that starts there is a prefix of it, so the categories at that place are those
    of the longest stem's prefixes (computed once). Only ASCII stems and matches take this
    path: with them a case-insensitive match is a match of the lower-cased text. Anything else
    (a non-ASCII stem, or a match on a character like the Kelvin sign that matches "k" when
    case is ignored) is answered by one search per category, as :func:`_compile` does."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.order = tuple(lexicon)
        self.compiled = _compile(lexicon)
        lowered = {c: {s.lower() for s in stems} for c, stems in lexicon.items()}
        every = set().union(*lowered.values()) if lowered else set()
        self.fast = bool(every) and all(s and s.isascii() for s in every)
        self.prefixes: dict[str, frozenset[str]] = {}
        self.pattern: re.Pattern[str] | None = None
        if not self.fast:
            return
        for stem in every:
            self.prefixes[stem] = frozenset(
                c for c, stems in lowered.items() if any(stem.startswith(s) for s in stems)
            )
        self.pattern = re.compile(rf"\b(?=({_trie(every)}))", re.IGNORECASE)

    def __call__(self, text: str) -> tuple[str, ...]:
        if self.pattern is None:
            return self.slow(text)
        found: set[str] = set()
        wanted = len(self.order)
        prefixes = self.prefixes
        for m in self.pattern.finditer(text):
            word = m.group(1)
            cats = prefixes.get(word.lower()) if word.isascii() else None
            if cats is None:
                return self.slow(text)
            found |= cats
            if len(found) == wanted:
                break
        return tuple(c for c in self.order if c in found)

    def slow(self, text: str) -> tuple[str, ...]:
        return tuple(category for category, pattern in self.compiled if pattern.search(text))


_DEFAULT = _Categoriser(LEXICON)


@functools.lru_cache(maxsize=16)
def _categoriser(items: tuple[tuple[str, tuple[str, ...]], ...]) -> _Categoriser:
    return _Categoriser(dict(items))


def _for(lexicon: Lexicon | None) -> _Categoriser:
    if lexicon is None:
        return _DEFAULT
    return _categoriser(tuple((c, tuple(stems)) for c, stems in lexicon.items()))


def categorise(text: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The categories whose keywords occur in ``text``, in the lexicon's order."""
    return _for(lexicon)(text)


def load_lexicon(path: str | Path) -> dict[str, tuple[str, ...]]:
    """A user's lexicon from a JSON or YAML file: ``{"category": ["word", "stem", ...]}``.
    Categories are lower-cased; a file that is not such a mapping is a
    :class:`~explorer.errors.ConfigurationError` naming it."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read the lexicon {p}: {exc}") from exc
    import yaml

    data: Any

    try:
        yaml_file = p.suffix.lower() in (".yaml", ".yml")
        data = yaml.safe_load(text) if yaml_file else json.loads(text)
    except (ValueError, RecursionError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigurationError(f"the lexicon {p} cannot be read: {first}") from exc
    if not isinstance(data, dict) or not data:
        raise ConfigurationError(
            f"the lexicon {p} must map each category to a list of words, e.g. "
            '{"flood": ["flood", "inundat"]}'
        )
    out: dict[str, tuple[str, ...]] = {}
    for category, words in data.items():
        if isinstance(words, str):
            words = [words]
        if not isinstance(category, str) or not category.strip() or not isinstance(words, list):
            raise ConfigurationError(
                f"the lexicon {p}: {category!r} must be a name with a list of words"
            )
        kept = tuple(str(w).strip().lower() for w in words if str(w).strip())
        if not kept:
            raise ConfigurationError(f"the lexicon {p}: {category!r} has no words")
        out[category.strip().lower()] = kept
    return out


def merged_lexicon(own: Lexicon, *, replace: bool = False) -> dict[str, tuple[str, ...]]:
    """The built-in lexicon with ``own`` added (a category of the same name takes ``own``'s
    words), or ``own`` alone with ``replace``."""
    return dict(own) if replace else {**LEXICON, **own}


def recategorise(table: EventTable, lexicon: Lexicon, *, replace: bool = False) -> EventTable:
    """The table with each event's categories found again in its sentence (and headline when
    it has no sentence) with :func:`merged_lexicon` of ``lexicon``."""
    from explorer.events.table import EventTable

    find = _for(merged_lexicon(lexicon, replace=replace))
    df = table.df.copy()
    texts = df["sentence"].fillna(df["title"]).fillna("").astype(str)
    df["categories"] = [find(t) for t in texts]
    return EventTable(df)
