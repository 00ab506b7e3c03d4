from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
from event_helpers import date, place

from explorer.events import events_table, extract_events, split_sentences
from explorer.events.extract import dates_by_sentence
from explorer.events.movement import _link_origins, find_movements, mentions_by_sentence
from explorer.geocoding import geocode
from explorer.model import Article, PlaceMention

D = dt.date


def article(text: str, published: dt.date | None = D(2015, 12, 2)) -> Article:
    return Article(id="a1", title="T", text=text, published=published, source="Wire", url="u")


def test_one_event_per_sentence_and_place_with_the_sentence_date() -> None:
    text = "On Tuesday troops reached Mosul and Raqqa. Later they left Mosul."
    places = [place(text, "Mosul"), place(text, "Raqqa"), place(text, "Mosul", nth=1)]
    dates = [date(text, "On Tuesday", "2015-12-01", D(2015, 12, 1))]
    events = extract_events(article(text), places=places, dates=dates)
    assert [(e.mention.text, e.date_source, e.start_date) for e in events if e.mention] == [
        ("Mosul", "sentence", D(2015, 12, 1)),
        ("Raqqa", "sentence", D(2015, 12, 1)),
        ("Mosul", "nearby", D(2015, 12, 1)),  # same paragraph, earlier sentence's date
    ]
    assert events[0].date_confidence > events[2].date_confidence
    assert "military" in events[0].categories


def test_publication_date_is_the_fallback_and_flagged() -> None:
    text = "Troops are in Mosul."
    (event,) = extract_events(article(text), places=[place(text, "Mosul")], dates=[])
    assert (event.date_source, event.start_date) == ("published", D(2015, 12, 2))
    (undated,) = extract_events(article(text, None), places=[place(text, "Mosul")], dates=[])
    assert (undated.date_source, undated.start_date) == ("none", None)


def test_new_paragraph_forgets_the_previous_date() -> None:
    text = "On Tuesday troops reached Mosul.\n\nAid arrived in Raqqa."
    events = extract_events(
        article(text),
        places=[place(text, "Mosul"), place(text, "Raqqa")],
        dates=[date(text, "On Tuesday", "2015-12-01", D(2015, 12, 1))],
    )
    assert [e.date_source for e in events] == ["sentence", "published"]


def test_qualifiers_and_repeats_are_not_separate_events() -> None:
    text = "Units will stay in Irbil, Iraq and in Irbil again; Iraq is big."
    places = [
        place(text, "Irbil"),
        place(text, "Iraq"),
        place(text, "Irbil", nth=1),
        place(text, "Iraq", nth=1),
    ]
    events = extract_events(article(text), places=places, dates=[])
    assert [e.mention.text for e in events if e.mention] == ["Irbil", "Iraq"]
    assert events[1].mention is not None and events[1].mention.start == places[3].start


def test_unresolved_places_are_kept() -> None:
    text = "Fighting near Qwxzv village."
    (event,) = extract_events(article(text), places=[place(text, "Qwxzv", query="")], dates=[])
    assert event.place is None and event.mention is not None
    row = events_table([event]).df.iloc[0]
    assert row["place_text"] == "Qwxzv" and row["latitude"] != row["latitude"]  # NaN


def test_movement_within_a_sentence() -> None:
    text = "Troops flew from Kuwait to Baghdad on Monday."
    places = [place(text, "Kuwait"), place(text, "Baghdad")]
    events = extract_events(article(text), places=places, dates=[])
    origin, destination = events
    assert destination.origin_event_id == origin.event_id
    assert origin.origin_event_id is None


def test_movement_across_the_article() -> None:
    text = (
        "The United States will send special forces to Iraq. "
        "About 100 units will be staying in Irbil, Iraq permanently. "
        "The forces who will be sent are those from Fort Bragg, North Carolina."
    )
    places = [
        place(text, "United States"),
        place(text, "Iraq"),
        place(text, "Irbil"),
        place(text, "Iraq", nth=1),
        place(text, "Fort Bragg", "Fort Bragg, North Carolina"),
        place(text, "North Carolina"),
    ]
    events = extract_events(article(text), places=places, dates=[])
    by_text = {e.mention.text: e for e in events if e.mention}
    assert by_text["Irbil"].origin_event_id == by_text["Fort Bragg"].event_id
    assert by_text["Iraq"].origin_event_id is None
    assert "North Carolina" not in by_text  # a qualifier of Fort Bragg


def test_no_movement_without_moving_words() -> None:
    text = "Prices from Kuwait to Baghdad rose."
    places = [place(text, "Kuwait"), place(text, "Baghdad")]
    assert all(
        e.origin_event_id is None for e in extract_events(article(text), places=places, dates=[])
    )


def test_table_rows_carry_the_evidence() -> None:
    text = "On Tuesday troops reached Mosul."
    events = extract_events(
        article(text),
        places=[place(text, "Mosul")],
        dates=[date(text, "On Tuesday", "2015-12-01", D(2015, 12, 1))],
    )
    (row,) = events_table(events).records()
    assert row["sentence"] == text
    assert row["place_name"] == "Mosul" and row["country_code"] == "IQ"
    assert row["date_text"] == "On Tuesday" and row["date_value"] == "2015-12-01"
    assert row["start_date"] == "2015-12-01" and row["date_source"] == "sentence"
    assert row["title"] == "T" and row["source"] == "Wire" and row["url"] == "u"
    assert text[row["place_start"] : row["place_end"]] == "Mosul"


# --- paragraphs: a blank line, or every line break in text from web pages and feeds ----------


@pytest.mark.parametrize(
    ("between", "paragraph_lines", "source"),
    [
        ("\n", False, "nearby"),     # .txt/.md: a single line break is a wrapped line
        ("\n", True, "published"),   # HTML/feeds: one paragraph per line
        ("\n\n", False, "published"),
        ("\n \t\n", False, "published"),
        ("\n\n\n\n\n", True, "published"),
        (" ", True, "nearby"),
    ],
)  # fmt: skip
def test_a_date_stays_in_its_paragraph(between: str, paragraph_lines: bool, source: str) -> None:
    text = f"On Tuesday troops reached Mosul.{between}Aid arrived in Raqqa."
    a = replace(article(text), paragraph_lines=paragraph_lines)
    events = extract_events(
        a,
        places=[place(text, "Mosul"), place(text, "Raqqa")],
        dates=[date(text, "On Tuesday", "2015-12-01", D(2015, 12, 1))],
    )
    assert [e.date_source for e in events] == ["sentence", source]


def test_web_pages_and_feeds_have_one_paragraph_per_line() -> None:
    from explorer.ingest import parse_feed, parse_html_article, parse_text_article

    page = (
        "<html><head><title>Aid in Raqqa</title></head><body><article><h1>Aid in Raqqa</h1>"
        "<p>On Tuesday troops reached Mosul after a week of fighting in the villages around"
        " it, officials said.</p><p>Aid arrived in Raqqa, where families had waited for"
        " weeks in the cold without food or fuel.</p></article></body></html>"
    )
    html = parse_html_article(page)
    assert html.paragraph_lines and "\n" in html.text and "\n\n" not in html.text
    rss = (
        "<rss version='2.0'><channel><title>W</title><item><title>T</title><description>"
        "&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</description></item></channel></rss>"
    )
    (entry,) = parse_feed(rss)
    assert entry.paragraph_lines and entry.text == "One.\nTwo."
    assert not parse_text_article("Title\nLine one\nline two.").paragraph_lines


# --- long articles: the per-sentence look-ups are binary searches; the output is the same ----


def _long_article(n_paragraphs: int) -> str:
    rng = random.Random(7)
    places = ["Mosul", "Irbil", "Baghdad", "Raqqa", "Aleppo", "Kuwait", "Iraq", "Syria",
              "Fort Bragg, North Carolina", "Ankara", "Geneva", "Amman"]  # fmt: skip
    when = ["on Tuesday", "last week", "in January", "on March 3", "", "", "yesterday"]
    shapes = [
        "Troops flew from {p} to {q} {w}.",
        "Forces came from {p} {w}.",
        "Units will stay in {p} {w}.",
        "Talks were held in {p} and {q} {w}.",
        "Soldiers from {p} were deployed to {q}.",
        "Aid workers said families fled {p} {w}.",
        "The situation remained tense.",
    ]
    paragraphs = []
    for _ in range(n_paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            p, q = rng.sample(places, 2)
            sentences.append(rng.choice(shapes).format(p=p, q=q, w=rng.choice(when)))
        paragraphs.append(" ".join(s.replace(" .", ".") for s in sentences))
    return "\n\n".join(paragraphs)


def _old_movements(text, sentences, mentions):  # type: ignore[no-untyped-def]
    """find_movements as it was (a scan of all sentences per mention, of all destinations per
    origin): the reference the faster code must equal."""
    from explorer.events.movement import _DESTINATION, _FROM_NEAR, _MOVING, _TO, _specificity

    links = {}
    by_sentence = [[] for _ in sentences]
    for i, m in enumerate(mentions):
        for k, (s, e) in enumerate(sentences):
            if s <= m.start < e:
                by_sentence[k].append(i)
                break
    destinations, origins_alone = [], []
    for k, (s, e) in enumerate(sentences):
        moving = bool(_MOVING.search(text[s:e]))
        in_sentence = [i for i in by_sentence[k] if mentions[i].place is not None]
        for i in in_sentence:
            if _DESTINATION.search(text[s : mentions[i].start][-60:]):
                destinations.append(i)
        if not moving:
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
    for origin in origins_alone:
        options = [d for d in destinations if d not in links and mentions[d].place is not None
                   and mentions[d].place != mentions[origin].place]  # fmt: skip
        if options:
            best = min(options, key=lambda d: (
                _specificity(mentions[d]), abs(mentions[d].start - mentions[origin].start)))  # fmt: skip
            links[best] = origin
    return links


@pytest.fixture(scope="module")
def long_article() -> tuple[str, list, list, list]:  # type: ignore[type-arg]
    from explorer.dates import find_dates
    from explorer.places import geoparse

    text = _long_article(800)  # ~90 KB
    places = sorted(geoparse(text, published=D(2016, 1, 5)), key=lambda m: m.start)
    dates = find_dates(text, published=D(2016, 1, 5))
    return text, split_sentences(text), places, dates


def test_long_article_dates_by_sentence_equal_the_old_scan(long_article) -> None:  # type: ignore[no-untyped-def]
    text, sentences, _, dates = long_article
    assert len(text) > 80_000 and len(dates) > 500
    old = [[t for t in dates if s <= t.start < e and t.type in ("DATE", "TIME")]
           for s, e in sentences]  # fmt: skip
    assert dates_by_sentence(sentences, dates) == old


def test_long_article_movements_equal_the_old_algorithm(long_article) -> None:  # type: ignore[no-untyped-def]
    text, sentences, places, _ = long_article
    old_by_sentence = [[i for i, m in enumerate(places) if s <= m.start < e] for s, e in sentences]
    assert mentions_by_sentence(sentences, places) == old_by_sentence
    new = find_movements(text, sentences, places)
    assert len(new) > 150  # in-sentence links and origins named alone
    assert new == _old_movements(text, sentences, places)


def test_origins_alone_link_like_the_old_algorithm_on_ties() -> None:
    # equal distances either side, equal offsets, the origin's own place: the old tie rules
    irbil, mosul, iraq = geocode("Irbil"), geocode("Mosul"), geocode("Iraq")

    def m(start: int, p: object) -> PlaceMention:
        return PlaceMention("P", start, start + 1, p, 0.9, "test")  # type: ignore[arg-type]

    mentions = [m(10, irbil), m(50, mosul), m(100, irbil), m(150, iraq), m(150, mosul),
                m(200, mosul), m(250, irbil), m(300, mosul)]  # fmt: skip
    for destinations, origins in [([0, 2, 4, 5, 7], [1, 6, 3]), ([0, 3, 4, 7], [2, 5, 1, 6])]:
        rng = random.Random(len(origins))
        for _ in range(20):
            order = rng.sample(origins, len(origins))
            new: dict[int, int] = {}
            _link_origins(mentions, destinations, order, new)
            assert new == _old_link(mentions, destinations, order), order


def _old_link(mentions, destinations, origins):  # type: ignore[no-untyped-def]
    from explorer.events.movement import _specificity

    links = {}
    for origin in origins:
        options = [d for d in destinations if d not in links
                   and mentions[d].place != mentions[origin].place]  # fmt: skip
        if options:
            best = min(options, key=lambda d: (
                _specificity(mentions[d]), abs(mentions[d].start - mentions[origin].start)))  # fmt: skip
            links[best] = origin
    return links


def test_a_long_article_has_unique_event_ids_and_movements(long_article) -> None:  # type: ignore[no-untyped-def]
    text, _, places, dates = long_article
    events = extract_events(article(text), places=places, dates=dates)
    assert len({e.event_id for e in events}) == len(events) > 1000
    assert any(e.origin_event_id for e in events)
