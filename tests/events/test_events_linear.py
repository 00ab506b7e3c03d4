"""Long sentences (a line of hundreds of kilobytes with no full stop) give the same sentences and
movements as the old code, which copied the sentence up to each mention (quadratic). The speed
itself is measured in benchmarks/bench_text.py (seconds per MB of one long line)."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from explorer.document import _CAPITAL_NEXT
from explorer.events import extract_events, split_sentences
from explorer.events.movement import (
    _DESTINATION,
    _FROM_NEAR,
    _MOVING,
    _TO,
    _link_origins,
    find_movements,
)
from explorer.geocoding import geocode
from explorer.model import Article, Place, PlaceMention

UNIT = (
    "troops flew from Kuwait to Baghdad and then moved on to Mosul while refugees fled from "
    "Aleppo into Turkey and soldiers were stationed in Irbil and "
)
NAMES = ("Kuwait", "Baghdad", "Mosul", "Aleppo", "Turkey", "Irbil")


@pytest.fixture(scope="module")
def places() -> dict[str, Place]:
    found = {name: geocode(name) for name in NAMES}
    assert all(found.values())
    return {name: p for name, p in found.items() if p is not None}


def _mentions(text: str, places: dict[str, Place]) -> list[PlaceMention]:
    pattern = re.compile("|".join(NAMES))
    return [
        PlaceMention(m.group(), m.start(), m.end(), places[m.group()], 0.9, "test")
        for m in pattern.finditer(text)
    ]


def _old_find_movements(
    text: str, sentences: list[tuple[int, int]], mentions: list[PlaceMention]
) -> dict[int, int]:
    """find_movements as it was (a copy of the sentence up to each mention; a scan of every
    later mention for each origin): what the new code must equal."""
    links: dict[int, int] = {}
    origins_alone: list[int] = []
    destinations: list[int] = []
    for s, e in sentences:
        in_sentence = [i for i, m in enumerate(mentions) if s <= m.start < e and m.place]
        for i in in_sentence:
            if _DESTINATION.search(text[s : mentions[i].start][-60:]):
                destinations.append(i)
        if not _MOVING.search(text[s:e]):
            continue
        for i in in_sentence:
            if not _FROM_NEAR.search(text[s : mentions[i].start][-12:]):
                continue
            later = [j for j in in_sentence if mentions[j].start > mentions[i].end]
            target = next(
                (j for j in later if _TO.search(text[mentions[i].end : mentions[j].start])), None
            )
            if target is not None:
                links[target] = i
            else:
                origins_alone.append(i)
    _link_origins(mentions, destinations, origins_alone, links)
    return links


def test_a_200_kb_line_links_every_from_to_pair(places: dict[str, Place]) -> None:
    text = "Troops on the move\n\n" + UNIT * (200_000 // len(UNIT))
    assert len(text) > 199_000 and "." not in text
    sentences = split_sentences(text)
    assert sentences == [(0, 18), (20, len(text) - 1)]  # the title, then one sentence
    mentions = _mentions(text, places)
    links = find_movements(text, sentences, mentions)
    units = len(mentions) // len(NAMES)
    expected = {}
    for u in range(units):  # Kuwait -> Baghdad, Aleppo -> Turkey in every unit
        k = u * len(NAMES)
        expected[k + 1] = k
        expected[k + 4] = k + 3
    assert links == expected


def test_a_200_kb_line_gives_the_events_and_origins(places: dict[str, Place]) -> None:
    text = UNIT * (200_000 // len(UNIT))
    mentions = _mentions(text, places)
    article = Article(id="a", title="T", text=text, published=dt.date(2016, 5, 4))
    events = extract_events(article, places=mentions, dates=[])
    # one event per place in the one sentence; Baghdad's origin is the first Kuwait
    assert [e.mention.text for e in events if e.mention] == list(NAMES)
    by_place = {e.mention.text: e for e in events if e.mention}
    assert by_place["Baghdad"].origin_event_id == by_place["Kuwait"].event_id
    assert by_place["Turkey"].origin_event_id == by_place["Aleppo"].event_id
    assert all(e.sentence is events[0].sentence for e in events)  # one string, not copies


WORDS = ["from", "to", "into", "TO", "toward", "towards", "the", "The", "troops", "fled",
         "stationed in", "sent to", "auto", "onto", "and", ".", "Then", "x"]  # fmt: skip
SPACES = [" ", " ", "", "\t", " \n", "   ", " " * 70, "\n\n"]


@pytest.mark.parametrize("seed", range(6))
def test_movements_equal_the_old_algorithm_on_odd_texts(
    seed: int, places: dict[str, Place]
) -> None:
    # long runs of spaces between "to" and the place, "the", mentions run together, overlapping
    # mentions, upper case: every in-sentence decision as before
    rng = random.Random(seed)
    pool = list(places.values())
    for _ in range(300):
        parts, mentions, pos = [], [], 0
        for _ in range(rng.randint(1, 40)):
            if rng.random() < 0.3:
                name = rng.choice(NAMES)
                mentions.append(PlaceMention(name, pos, pos + len(name), rng.choice(pool), 0.9, ""))
                word = name
            else:
                word = rng.choice(WORDS)
            piece = word + rng.choice(SPACES)
            parts.append(piece)
            pos += len(piece)
        text = "".join(parts)
        for _ in range(rng.randint(0, 3)):  # a few overlapping ones
            s = rng.randrange(len(text))
            e = min(len(text), s + rng.randint(1, 12))
            mentions.append(PlaceMention(text[s:e], s, e, rng.choice(pool), 0.9, ""))
        mentions.sort(key=lambda m: m.start)
        sentences = split_sentences(text)
        assert find_movements(text, sentences, mentions) == _old_find_movements(
            text, sentences, mentions
        ), text


def _old_split_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        cut = s
        for m in re.finditer(r"\n", text[s:e]):
            i = s + m.start()
            prev = text[cut:i].rstrip()
            if (
                prev
                and not prev.endswith((",", ";", ":", "-"))
                and _CAPITAL_NEXT.match(text, i + 1, e)
            ):
                out.append((cut, cut + len(prev)))
                cut = i + 1
                while cut < e and text[cut].isspace():
                    cut += 1
        if cut < e:
            out.append((cut, e))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "troops flew from kuwait to baghdad\n" * 5000,  # 175 kB of lines, none a sentence start
        "A title\nThe first line,\nnext one\nThird -\nFourth:\nFifth  \n  Sixth\n\n\nSeventh",
        "  \n A\n\tB\nc.\n D \n",
        "",
    ],
)
def test_sentences_at_line_breaks_equal_the_old_split(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = split_sentences(text)
    from explorer import document as sentences  # the splitter lives in the document model

    monkeypatch.setattr(sentences, "_split_lines", _old_split_lines)
    assert new == sentences.split_sentences(text)


@pytest.mark.parametrize("seed", range(4))
def test_sentences_equal_the_old_split_on_random_lines(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer import document as sentences  # the splitter lives in the document model

    rng = random.Random(seed)
    pieces = ["A", "b", "U.S.", ".", "\n", "\n\n", " ", ",", ";", "-", ":", "\t", "The", " \n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(500)]
    new = [split_sentences(t) for t in texts]
    monkeypatch.setattr(sentences, "_split_lines", _old_split_lines)
    assert new == [sentences.split_sentences(t) for t in texts]
