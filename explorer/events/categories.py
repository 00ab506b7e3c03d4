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
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["LEXICON", "categorise"]

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


_COMPILED = _compile(LEXICON)


def categorise(text: str, lexicon: Mapping[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The categories whose keywords occur in ``text``, in the lexicon's order."""
    compiled = _COMPILED if lexicon is None else _compile(lexicon)
    return tuple(category for category, pattern in compiled if pattern.search(text))
