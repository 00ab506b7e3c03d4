from __future__ import annotations

import datetime as dt

from event_helpers import date, place

from explorer.events import events_table, extract_events
from explorer.model import Article

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
