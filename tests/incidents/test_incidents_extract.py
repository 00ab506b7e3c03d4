"""Extraction of the incidents of one article: the main incident, its place (not where it was
said or where someone was taken), its day (not the day of a statement or a hearing), its
status, and the state inferred when the article does not name it. Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.incidents import extract_incidents
from explorer.incidents.status import status_of
from explorer.incidents.triggers import find_triggers
from explorer.model import Article


def _article(text: str, title: str = "", published: dt.date | None = None) -> Article:
    return Article(id="a1", title=title, text=text, published=published)


def test_seed_like_plan_is_placed_where_it_goes_and_dated_by_its_announcement() -> None:
    text = (
        "The Pentagon said it will send special forces to Iraq to help local troops.\n\n"
        "The plan was announced by the defense secretary on Tuesday in Washington.\n\n"
        "Officials said the units could later also go to Syria."
    )
    main = extract_incidents(
        _article(text, "US to deploy special forces in Iraq", dt.date(2015, 12, 2))
    )[0]
    assert main.label == "deployment"
    assert main.status == "planned"
    assert main.place is not None and main.place.country_code == "IQ"
    assert main.start == dt.date(2015, 12, 1)


def test_statement_day_is_not_the_day_of_the_shooting() -> None:
    text = (
        "Police said Friday that a man was shot late Wednesday outside a bar in Tulsa.\n\n"
        "The victim was taken to a hospital in Oklahoma City."
    )
    main = extract_incidents(_article(text, "Man shot in Tulsa", dt.date(2016, 3, 5)))[0]
    assert main.label == "shooting"
    assert main.start == dt.date(2016, 3, 2)  # Wednesday, not Friday the 4th
    assert main.place is not None and main.place.name == "Tulsa"


def test_hearing_day_is_not_the_day_of_the_happening() -> None:
    text = (
        "A teenager was stabbed on Saturday in Fresno, police said.\n\n"
        "The suspect appeared in court Monday and a hearing is set for Friday."
    )
    main = extract_incidents(_article(text, "", dt.date(2017, 5, 9)))[0]
    assert main.start == dt.date(2017, 5, 6)


def test_state_written_after_the_town_decides_which_town() -> None:
    text = "MANHATTAN, Kan. - Two people were shot early Sunday at an apartment complex."
    main = extract_incidents(_article(text, "", dt.date(2014, 6, 2)))[0]
    assert main.place is not None
    assert main.place.admin1 == "Kansas"


def test_state_inferred_from_the_other_places_of_the_article() -> None:
    text = (
        "A man was shot Tuesday night in Springfield, police said.\n\n"
        "He was flown to a trauma center in Chicago. Officers from Peoria and "
        "the Illinois State Police helped search for the gunman."
    )
    main = extract_incidents(_article(text, "", dt.date(2015, 4, 8)))[0]
    assert main.place is not None
    assert main.place.admin1 == "Illinois"


def test_no_day_cue_falls_back_to_the_publication_day() -> None:
    text = "A woman was wounded in a shooting in Memphis. Police have no suspect."
    main = extract_incidents(_article(text, "", dt.date(2016, 1, 20)))[0]
    assert main.start == dt.date(2016, 1, 20)
    assert main.date_evidence == "publication date"


def test_counts_of_killed_and_injured() -> None:
    text = "Two people were killed and four were injured in a shooting in Dayton on Sunday."
    main = extract_incidents(_article(text, "", dt.date(2019, 8, 5)))[0]
    assert (main.killed, main.injured) == (2, 4)


def test_a_sentence_alone_with_a_place_only_as_an_attribute_is_not_placed() -> None:
    text = "U.S. officials have criticised the decision repeatedly."
    reports = extract_incidents(_article(text))
    assert all(r.place_start is None for r in reports)


def test_a_village_the_gazetteer_lacks_places_a_sentence_by_its_span() -> None:
    text = "Rebels shelled the village of Kafr Batna on Monday, activists said."
    main = extract_incidents(_article(text))[0]
    assert main.place_start is not None and main.place_end is not None
    assert text[main.place_start : main.place_end] == "Kafr Batna"


def test_a_place_named_only_in_the_title_has_no_span_in_the_text() -> None:
    text = "Two people were shot on Monday night. Police are searching for a gunman."
    main = extract_incidents(_article(text, "Two shot in Tulsa", dt.date(2016, 3, 8)))[0]
    assert main.place is not None and main.place.name == "Tulsa"
    assert main.place_start is None


def test_an_article_without_a_happening_still_gives_a_report() -> None:
    main = extract_incidents(_article("Lovely weather in Lisbon today."))[0]
    assert main.category == "other"


@pytest.mark.parametrize(
    ("sentence", "word", "status"),
    [
        ("Carter said that troops will deploy to Irbil.", "deploy", "planned"),
        ("The government plans to send aid to the region.", "send", "planned"),
        ("The president ordered airstrikes on the base.", "airstrikes", "announced"),
        ("Jets bombed the town on Monday.", "bombed", "happened"),
    ],
)
def test_status(sentence: str, word: str, status: str) -> None:
    assert status_of(sentence, (0, len(sentence)), sentence.index(word)) == status


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Two men were shot in Durham.", "shooting"),
        ("An airstrike hit the market.", "airstrike"),
        ("Floods swept the valley.", "flood"),
        ("Peace talks resumed in Geneva.", "talks"),
    ],
)
def test_trigger_labels(sentence: str, label: str) -> None:
    assert find_triggers(sentence)[0].label == label


def test_a_charge_is_not_a_trigger() -> None:
    assert find_triggers("He faces a charge of first-degree murder.") == []


def test_a_town_the_gazetteer_lacks_is_placed_in_the_state_written_after_it() -> None:
    text = (
        "ZQUARVILLE, Mo. (WXYZ) – Two people were wounded in a shooting outside a store on "
        "Monday night.\n\nOfficers said the two were taken to a hospital."
    )
    report = extract_incidents(_article(text, published=dt.date(2016, 5, 3)))[0]
    assert report.place is not None and report.place.name == "Missouri"
    assert report.place_precision == "region"
    assert report.place_text == "ZQUARVILLE"
    assert "not in the gazetteer" in report.place_evidence


def test_the_dateline_town_is_not_traded_for_another_state_s_town() -> None:
    # the other places vote for Minnesota, which has no Milwaukee: the dateline stays
    text = (
        "MILWAUKEE (WXYZ) — Two men were shot Friday night outside a bar in Lonsdale, police "
        "said.\n\nOne of them was taken to a hospital in Lonsdale and the other to Faribault, "
        "officers said, and a third man went to Northfield."
    )
    report = extract_incidents(_article(text, published=dt.date(2016, 5, 2)))[0]
    assert report.place is not None
    assert (report.place.name, report.place.admin1) == ("Milwaukee", "Wisconsin")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # the incident's sentence names only the state; the story names the town
        (
            "Four people were found shot dead in Oklahoma on Friday, troopers said.\n\n"
            "The family had lived on a quiet street in Tulsa for a year, a pastor said.",
            "Tulsa",
        ),
        # ... or only the county
        (
            "Two teenagers were wounded in a shooting in Cook County on Saturday night.\n\n"
            "Relatives gathered outside a church in Evanston on Sunday.",
            "Evanston",
        ),
    ],
)
def test_a_state_or_county_is_narrowed_to_the_town_of_it_the_article_names(
    text: str, town: str
) -> None:
    report = extract_incidents(_article(text, published=dt.date(2016, 5, 2)))[0]
    assert report.place is not None and report.place.name == town
    assert report.place_precision == "town"


@pytest.mark.parametrize(
    ("sentence", "place_text"),
    [
        # a named area inside a city: the smaller place, even one the gazetteer lacks
        ("Artillery units shelled the Qarmoun district in the city of Homs on Monday.", "Qarmoun"),
        # a place after "in" followed by a verb is where, not an attribute ("U.S. jets")
        ("In northern Spain, hundreds of people demonstrated in Bilbao demanding jobs.", "Bilbao"),
        # the capture is the incident: where it happened, not where he was taken
        ("Soldiers captured the smuggler in Tetouan and took him to Rabat.", "Tetouan"),
        # a landmark to find the place by is not the place
        (
            "About 3,000 farmers marched through the streets of Coimbra, 200 kilometers "
            "north of Lisbon, on Sunday.",
            "Coimbra",
        ),
    ],
)
def test_where_a_sentence_alone_says_its_event_happened(sentence: str, place_text: str) -> None:
    report = extract_incidents(_article(sentence, published=dt.date(2016, 5, 2)))[0]
    assert report.place_text == place_text


def test_the_bundled_sample_article_s_main_incident() -> None:
    # the reference: the planned deployment to Iraq, dated by its announcement on
    # Tuesday 1 December 2015 (", NBC News reported" after the day still dates a plan)
    from pathlib import Path

    from explorer.ingest import load

    data = Path(__file__).resolve().parents[2] / "data" / "articles"
    article = load([data])[0]
    main = extract_incidents(article)[0]
    assert (main.label, main.status) == ("deployment", "planned")
    assert main.place is not None and main.place.name == "Iraq"
    assert main.start == main.end == dt.date(2015, 12, 1)


@pytest.mark.parametrize(
    ("sentence", "place_text"),
    [
        # a sentence with its dateline: the place in the sentence, not where it was filed
        ("CAIRO -- Gunmen attacked a hotel in Aswan on Wednesday, officials said.", "Aswan"),
        # "the Nile town of X": the town lies in what is named before it
        ("A car bomb hit the Nile town of Zarkhel, officials said.", "Zarkhel"),
        # "Mogadishu's Hodan district": the district, not the city that holds it
        ("A grenade was thrown in Mogadishu's Hodan district, killing two people.", "Hodan"),
    ],
)
def test_the_smaller_or_the_told_place_of_a_sentence_alone(sentence: str, place_text: str) -> None:
    report = extract_incidents(_article(sentence, published=dt.date(2016, 5, 2)))[0]
    assert report.place_text == place_text


@pytest.mark.parametrize(
    ("sentence", "place_text"),
    [
        # "the <known city> neighbourhood of X": X lies in the city
        (
            "A bomb ripped through a patrol in the south Karachi neighbourhood of Zarkhel.",
            "Zarkhel",
        ),
        ("Gunmen shot a trader at his home in the Lahore suburb of Qambarabad.", "Qambarabad"),
        # "the X district of <known city>": X lies in the city
        ("Rebels raided the Zahraa district of Aleppo at dawn.", "Zahraa"),
    ],
)
def test_x_district_of_y_is_read_by_which_place_is_larger(sentence: str, place_text: str) -> None:
    report = extract_incidents(_article(sentence, published=dt.date(2016, 5, 2)))[0]
    assert report.place_text == place_text


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Police patrolled the streets of the old town all night.", "patrol"),
        ("The floods destroyed two bridges near the border.", "destruction"),
        ("A roadside bomb struck a convoy near the airport.", "explosion"),
    ],
)
def test_more_happenings_have_a_label(sentence: str, label: str) -> None:
    assert label in {t.label for t in find_triggers(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Portugal's navy captured two smugglers after a long chase.",
        "The conflict has killed thousands, and U.S. troops patrol the border.",
    ],
)
def test_a_country_named_only_as_an_attribute_does_not_place_a_sentence(sentence: str) -> None:
    report = extract_incidents(_article(sentence, published=dt.date(2016, 5, 2)))[0]
    assert report.place_text is None
