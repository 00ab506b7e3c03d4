"""The incidents an article reports, the main one first (see docs/incidents.md).

One geoparse and one date tagging of the article (title, blank line, text) feed everything:

1. **Triggers** (:mod:`.triggers`): the words that name a happening ("shooting", "airstrike",
   "deployed", "talks"). Their labels are weighed by how often and how early they come (the
   title and the first sentences count most); the strongest category is the main incident,
   told of in the sentences that hold its triggers. Other categories give further incidents.
2. **Status** (:mod:`.status`): "will deploy", "plans to send" is planned; "ordered",
   "approved" announced; else happened.
3. **Place** (:mod:`.where`) and **date** (:mod:`.when`) from those sentences; the state a US
   town lies in is checked against the article's other evidence (:mod:`.region`).
4. **Counts** of killed and injured where the text gives them, and the specifics (ages,
   numbers) that tell one incident from another of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.document import document
from explorer.incidents.dateline import (
    dateline_name,
    fallback_place,
    site_state,
    state_key,
    town_names,
)
from explorer.incidents.model import IncidentReport
from explorer.incidents.region import Settled, region_votes, settle_region
from explorer.incidents.status import status_of
from explorer.incidents.triggers import Trigger, find_triggers, order
from explorer.incidents.when import incident_date
from explorer.incidents.where import MIN_SCORE, PRECISION_OF, Where, incident_place
from explorer.model import Article, Place, PlaceMention, TimeMention
from explorer.places.phones import phone_towns

__all__ = ["extract_incidents"]

MAX_INCIDENTS = 4
SITE_VOTE = 1.5  # the state in the site's name at the end of the title, as votes for it
PHONE_VOTE = 5.0  # a state whose area code a telephone number of the article has
_NUMBER = (
    r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"several|a|an)"
)
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
# "three people were killed", "killing two": the number before the word (up to three words and
# an auxiliary between) or after the verb; the word is found first, the number looked for next
_BEFORE = re.compile(  # the nearest number: "4 dead and 3 hurt" has 3 hurt
    r"(?s:.*)\b" + _NUMBER + r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|are|have been|has been)?\s*$",
    re.IGNORECASE,
)
_KILLED = (
    re.compile(r"\b(?:kill(?:ed|ing)|dead|died|slain)\b", re.IGNORECASE),
    re.compile(r"kill(?:ed|ing)\s+" + _NUMBER + r"\b", re.IGNORECASE),
)
_INJURED = (
    re.compile(r"\b(?:(?:wound|injur)(?:ed|ing)|hurt)\b", re.IGNORECASE),
    re.compile(r"(?:wound|injur)(?:ed|ing)\s+" + _NUMBER + r"\b", re.IGNORECASE),
)
_AGE = re.compile(r"\b(\d{1,2})-year-old\b|,\s(\d{1,2}),")


def _count(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> int | None:
    word_pattern, after = patterns
    words: list[str] = []
    for m in word_pattern.finditer(text):
        b = _BEFORE.match(text, max(0, m.start() - 60), m.start())
        if b is not None and not m.group().lower().endswith("ing"):
            words.append(b.group(1))
        a = after.match(text, m.start())
        if a is not None:
            words.append(a.group(1))
    best: int | None = None
    for word in words:
        word = word.lower()
        value = int(word) if word.isdigit() else _NUMBERS.get(word, 1 if word in ("a", "an") else 0)
        if value and value < 1000:
            best = max(best or 0, value)
    return best


def _weigh(
    triggers: Sequence[Trigger], sentences: Sequence[tuple[int, int]], title_end: int
) -> tuple[dict[str, float], dict[str, dict[int, list[int]]], dict[str, dict[str, float]]]:
    """Score of each category, its trigger sentences (index -> trigger offsets), and the score
    of each label within it."""
    by_category: dict[str, float] = {}
    where: dict[str, dict[int, list[int]]] = {}
    labels: dict[str, dict[str, float]] = {}
    k = 0
    for t in triggers:
        while k + 1 < len(sentences) and sentences[k + 1][0] <= t.start:
            k += 1
        position = 2.0 if t.start < title_end else (1.5 if k <= 3 else 1.0 / (1 + 0.1 * k))
        w = t.weight * position
        by_category[t.category] = by_category.get(t.category, 0.0) + w
        where.setdefault(t.category, {}).setdefault(k, []).append(t.start)
        scores = labels.setdefault(t.category, {})
        scores[t.label] = scores.get(t.label, 0.0) + w
    return by_category, where, labels


def _phone_town(towns: Sequence[tuple[str, str | None]], chosen: Place | None) -> Settled | None:
    """The town of the article's telephone numbers when they agree on one state and the place
    chosen lies in no state of theirs (no town of its name was found there either): "call
    412-323-7800" in an article placed in Zaire is a Pittsburgh story; ``towns``:
    :func:`~explorer.places.phones.phone_towns` of the article)."""
    states = {state for state, _ in towns}
    if len(states) != 1 or chosen is None:
        return None
    (state,) = states
    if f"{chosen.country_code}.{chosen.admin1_code}" == state:
        return None
    from explorer.geocoding import candidates

    country, _, code = state.partition(".")
    for _, town in towns:
        if town is None:
            continue
        try:
            found = candidates(town, country=country, admin1=code)
        except Exception:  # a name the query syntax refuses
            continue
        found = [f for f in found if f.feature == "populated_place"]
        if found:
            return Settled(found[0], f"telephone area code of {town}, {code}")
    return None


def _phone_region(phones: Sequence[str], place: Where) -> Where:
    """No place named at all: the state of the article's telephone numbers, when they agree on
    one ("call 918-596-9222"), at the state's precision; else ``place`` as it was."""
    if len(phones) != 1:
        return place
    from explorer.gazetteer import default_gazetteer

    country, _, code = phones[0].partition(".")
    state = default_gazetteer().admin1(country, code)
    if state is None:
        return place
    return Where(None, state, "region", f"telephone area code: {state.name}", 0.2, 0.0)


def _named_town(
    full: str,
    title: str,
    title_end: int,
    mentions: Sequence[PlaceMention],
    place: Where,
    phones: Sequence[str],
) -> tuple[Where, Settled | None]:
    """An article the geoparser found no place in: the town of its dateline, or one written
    where a town's name stands (:mod:`.dateline`), in the state its site names."""
    start = title_end + 2 if title_end else 0
    names = [n for n in [dateline_name(full, start)] if n is not None]
    names += town_names(full, 0, title_end) + town_names(full, start, start + 1500)
    if not names:
        return _phone_region(phones, place), None
    region = None
    if names[0].state:
        region = state_key(names[0].state)
    region = region or site_state(title) or (phones[0] if phones else None)
    if region is None:
        votes = region_votes(mentions, None, title_end=title_end)
        region = max(votes, key=lambda k: votes[k]) if votes else None
    found = fallback_place(names, region)
    if found is None:
        return place, None
    named, town = found
    span = PlaceMention(named.text, named.start, named.end, town, score=0.5, reason=named.how)
    precision = PRECISION_OF.get(town.feature, "town")
    why = f"{named.how}: {named.text!r} (not found by the geoparser)"
    return Where(span, town, precision, why, 0.4, MIN_SCORE), Settled(town, "")


def extract_incidents(
    article: Article,
    *,
    places: Sequence[PlaceMention] | None = None,
    dates: Sequence[TimeMention] | None = None,
    limit: int = MAX_INCIDENTS,
    min_score: float = MIN_SCORE,
) -> list[IncidentReport]:
    """The incidents ``article`` reports, the main one first; ``[]`` when it tells of none.

    In a text of one sentence, an incident whose place has less evidence than ``min_score``
    (see :mod:`.where`) gets none. ``places``/``dates`` may be given, found in the title, a
    blank line and the text (or in the text alone when the title is empty), to skip finding
    them."""
    title = article.title.strip() if article.title else ""
    full = f"{title}\n\n{article.text}" if title else article.text
    shift = len(full) - len(article.text)
    title_end = len(title)
    if places is None:
        from explorer.places import geoparse

        places = geoparse(full, published=article.published)
    if dates is None:
        from explorer.dates import find_dates

        dates = find_dates(full, published=article.published)
    sentences = document(full).sentences
    mentions = sorted(places, key=lambda m: m.start)
    triggers = find_triggers(full)
    by_category, where, labels = _weigh(triggers, sentences, title_end)
    ranked = sorted(by_category, key=lambda c: -by_category[c])
    if not ranked:
        ranked = ["other"]  # an article that names no happening still reports its place
    site = site_state(title) if title else None
    site_votes = {site: SITE_VOTE} if site else {}
    towns = phone_towns(full)  # the article's telephone numbers, read once
    phones = [s for s in dict.fromkeys(state for state, _ in towns) if s.startswith("US.")]
    for state in phones:  # "call 918-596-9222": the police's area code
        site_votes[state] = site_votes.get(state, 0.0) + PHONE_VOTE
    out = []
    for category in ranked[:limit]:
        trig = where.get(category, {})
        label_scores = labels.get(category, {})
        label = (
            min(label_scores, key=lambda lb: (-label_scores[lb], order(lb)))
            if label_scores
            else "report"
        )
        first_k = min(trig) if trig else 0
        first_t = trig[first_k][0] if trig else 0
        status = status_of(full, sentences[first_k] if sentences else (0, 0), first_t)
        strong = frozenset(t.start for t in triggers if t.label == label)
        place = incident_place(full, mentions, sentences, trig, title_end=title_end, strong=strong)
        when = incident_date(
            full,
            dates,
            sentences,
            trig,
            title_end=title_end,
            published=article.published,
            planned=status != "happened",
            strong=strong,
        )
        m = place.mention
        if place.score < min_score and len(sentences) <= 1:
            # a sentence alone that names a place only in passing does not say where; an
            # article's weakest place is still the place of its story (its confidence low)
            place = Where(None, None, None, f"too little evidence ({place.evidence})", 0.0)
            m = None
        resolved = (
            settle_region(
                full,
                m,
                mentions,
                title_end=title_end,
                extra=site_votes,
                dateline=place.evidence.startswith("dateline"),
                votes_count=len(sentences) > 1,
            )
            if m is not None and m.place is not None
            else None
        )
        if place.place is None and len(sentences) > 1:
            place, resolved = _named_town(full, title, title_end, mentions, place, phones)
            m = place.mention
        elif len(sentences) > 1 and not place.evidence.startswith("dateline"):
            called = _phone_town(towns, resolved.place if resolved else place.place)
            if called is not None:
                resolved = called
        evidence_spans = [sentences[k] for k in sorted(trig)[:3]] if sentences else []
        evidence_text = " ".join(full[s:e] for s, e in evidence_spans)
        start = end = None
        text_of = None
        if m is not None and m.start >= shift:
            start, end, text_of = m.start - shift, m.end - shift, m.text
        elif m is not None:
            text_of = m.text
            found = article.text.find(m.text)
            if found >= 0:
                start, end = found, found + len(m.text)
        ages = {f"age:{a or b}" for a, b in _AGE.findall(evidence_text)}
        killed = _count(_KILLED, evidence_text)
        injured = _count(_INJURED, evidence_text)
        specifics = ages  # killed/injured are the counts themselves
        event_ids = tuple(
            f"{article.id}:{x.start - shift}"
            for x in mentions
            if x.start >= shift and any(s <= x.start < e for s, e in evidence_spans)
        )
        out.append(
            IncidentReport(
                article_id=article.id,
                label=label,
                category=category,
                status=status,
                place=resolved.place if resolved else place.place,
                place_text=text_of,
                place_start=start,
                place_end=end,
                place_precision=place.precision,  # type: ignore[arg-type]
                place_evidence=place.evidence
                + (f"; {resolved.evidence}" if resolved and resolved.evidence else ""),
                start=when.start,
                end=when.end,
                date_precision=when.precision,  # type: ignore[arg-type]
                date_text=when.text,
                date_evidence=when.evidence,
                killed=killed,
                injured=injured,
                evidence=tuple(full[s:e] for s, e in evidence_spans),
                event_ids=event_ids,
                specifics=frozenset(specifics),
                confidence=round((place.confidence + when.confidence) / 2, 3),
                published=article.published,
                source=article.source,
                title=article.title,
                url=article.url,
            )
        )
        if category == "other":
            break
    return out
