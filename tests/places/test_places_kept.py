"""Places that used to be lost without a word: a place after "<group> in|of" before "said",
and names the gazetteer lacks in a place position, kept unresolved with their region and
counted in the ingest summary. (Sentences written for these tests; the invented names are
checked to be unknown to the gazetteer.)"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.events import ingest
from explorer.geocoding import geocode
from explorer.places import geoparse

INVENTED = ["Zarkhel", "Qambarabad", "Tarnowal", "Kesh Magri", "Tarnowal District"]


def found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, None if m.place is None else m.place.country_code) for m in geoparse(text)]


def texts(text: str) -> list[str]:
    return [m.text for m in geoparse(text)]


@pytest.mark.parametrize("name", INVENTED)
def test_the_invented_names_are_unknown_to_the_gazetteer(name: str) -> None:
    assert geocode(name) is None


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Officials in Karachi said rainfall was heavy.", "Karachi", "PK"),
        ("Residents of Nasirabad said the water rose.", "Nasirabad", None),
        ("Police in Dar es Salaam said the road was shut.", "Dar es Salaam", "TZ"),
        ("Spokesmen for the army in Quetta said the road was open.", "Quetta", "PK"),
        ("The mayor of Sukkur said the barrage held.", "Sukkur", "PK"),
        ("Villagers in Dadu told reporters the crops were lost.", "Dadu", "PK"),
        ("No drugs were seized in Leeds, said the police spokesman.", "Leeds", "GB"),
    ],
)
def test_a_group_in_a_place_is_the_speaker_not_the_place(
    text: str, place: str, country: str | None
) -> None:
    hits = [m for m in geoparse(text) if m.text == place]
    assert len(hits) == 1 and hits[0].place is not None
    assert country is None or hits[0].place.country_code == country


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Officials said it rained.", None),
        ("John Kerry said no.", "Kerry"),
        ("John Kerry met officials. Later, Kerry said the talks went well.", "Kerry"),
        ("Kerry said the talks went well.", "Kerry"),
        ("The wife of Holroyd said she was proud.", "Holroyd"),
        ("A spokesman for Kerry said no.", "Kerry"),
        ("Michael Jordan scored. Jordan said he was tired.", "Jordan"),
        ("Lincoln said nothing.", "Lincoln"),
    ],
)
def test_people_who_speak_stay_people(text: str, person: str | None) -> None:
    got = texts(text)
    assert person not in got if person else got == []


def test_a_country_that_speaks_is_still_a_country() -> None:
    assert found("Refugees crossed into Jordan. Jordan said the border is open.") == [
        ("Jordan", "JO"),
        ("Jordan", "JO"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        ("Floods hit the Zarkhel district on Monday.", "Zarkhel", None),
        ("Water rose in Kesh Magri district.", "Kesh Magri", None),
        ("Zarkhel, Pakistan was cut off.", "Zarkhel", "Pakistan"),
        ("In Zarkhel, Pakistan, the water rose.", "Zarkhel", "Pakistan"),
        ("Residents left the town of Qambarabad.", "Qambarabad", None),
        ("Aid reached the remote village of Qambarabad in Sindh.", "Qambarabad", "Sindh"),
        ("Floods hit the Tarnowal district of Balochistan.", "Tarnowal", "Balochistan"),
        ("Roads to Tarnowal District, Pakistan were shut.", "Tarnowal District", "Pakistan"),
        ("Quetta and Sibi were flooded. Rain also hit the Tarnowal district.", "Tarnowal",
         "Balochistan"),
        ("Karachi was dry. Floods in Sindh cut Hyderabad off. Aid reached the Tarnowal district.",
         "Tarnowal", "Sindh"),
        ("Lahore was dry, Karachi was flooded. Aid reached the Tarnowal district.", "Tarnowal",
         "Pakistan"),
    ],
)  # fmt: skip
def test_a_name_the_gazetteer_lacks_in_a_place_position_is_kept_unresolved(
    text: str, name: str, region: str | None
) -> None:
    hits = [m for m in geoparse(text) if m.text == name]
    assert len(hits) == 1
    m = hits[0]
    assert m.place is None and not m.resolved and m.score == 0.0
    assert m.reason.startswith("not in the gazetteer")
    assert (m.within.name if m.within else None) == region
    assert text[m.start : m.end] == name


def test_a_known_word_inside_an_unknown_name_gives_way() -> None:
    # "Kesh" alone is an alternate name of a town in Oklahoma
    assert texts("Water rose in Kesh Magri district.") == ["Kesh Magri"]


def test_the_qualifier_is_still_reported() -> None:
    assert found("Zarkhel, Pakistan was cut off.") == [("Zarkhel", None), ("Pakistan", "PK")]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The Health District closed early.", "Health District"),
        ("The Sixth District voted.", "Sixth District"),
        ("Orange County Sanitation District staff came.", "Sanitation District"),
        ("Imran Khan, Pakistan's former prime minister, spoke.", "Khan"),
        ("Sara Zarkhel, Pakistan's envoy, spoke.", "Zarkhel"),
        ("Flights on Aeroflot, Delta Air Lines and others resumed.", "Aeroflot"),
        ("Maury M. Rosenstein, M.D., joined the clinic.", "Rosenstein"),
        ("Cooperation is good, said Bruschke. According to Bruschke, China agreed.", "Bruschke"),
        ("The case is U.S. v. Abdulkader, U.S. District Court.", "Abdulkader"),
        ("Guards stood in the Sunni district of Adhamiya.", "Sunni"),
        ("They studied Cote d'Ivoire, Ghana and Guinea.", "Ivoire"),
        ("Scott Newsham*District B met.", "Newsham*District"),
        ("Indonesia's Aceh province was hit.", "Indonesia's Aceh"),
    ],
)
def test_no_unknown_place_where_the_text_says_no_place(text: str, wrong: str) -> None:
    assert wrong not in texts(text)
    assert all(m.text != wrong for m in geoparse(text))


def test_the_name_after_a_district_of_is_the_place() -> None:
    got = [(m.text, m.place) for m in geoparse("Guards stood in the Sunni district of Adhamiya.")]
    assert got == [("Adhamiya", None)]


def test_unresolved_places_are_in_the_jsonl_output_without_coordinates(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = json.dumps({"id": "d1", "text": "Floods hit the Zarkhel district."})
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))
    assert main(["places", "--jsonl"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(p["text"], p["latitude"], p["longitude"]) for p in out["places"]] == [
        ("Zarkhel", None, None)
    ]


def test_the_ingest_summary_counts_the_unresolved_places(tmp_path: Path) -> None:
    (tmp_path / "floods.md").write_text(
        "---\ntitle: Floods\npublished: 2022-08-30\n---\n"
        "Floods hit the Tarnowal district.\n\nZarkhel, Pakistan was cut off.\n\n"
        "Rain fell in Karachi.\n",
        encoding="utf-8",
    )
    result = ingest([tmp_path])
    df = result.table.df
    assert ", 3 events, 2 unresolved places," in result.summary()
    rows = {r.place_text: r for r in df.itertuples()}
    assert set(rows) == {"Tarnowal", "Zarkhel", "Karachi"}  # "Pakistan" qualifies Zarkhel
    assert rows["Zarkhel"].country_code == "PK" and math.isnan(rows["Zarkhel"].latitude)
    assert rows["Tarnowal"].country_code == "PK"  # the country of the article's places
    assert rows["Karachi"].country_code == "PK" and not math.isnan(rows["Karachi"].latitude)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name with an Arabic article the gazetteer lacks: the "Al" is not a place of its own
        ("Shells fell on the Al-Tarnowal District overnight.", "Al-Tarnowal District"),
        # "the village of X" is a place even where ", said" follows as if X were a speaker
        ("Gunmen burned houses in the remote village of Zarkhel, said local officials.", "Zarkhel"),
        # a place located by its distance from another
        ("A bomb went off in Qambarabad, 80 kilometers (50 miles) west of Karachi.", "Qambarabad"),
        # "in X in (northern) <known place>"
        ("Troops fought rebels in Tarnowal in northern Pakistan on Monday.", "Tarnowal"),
    ],
)
def test_more_places_the_gazetteer_lacks_are_kept(text: str, name: str) -> None:
    kept = [m for m in geoparse(text) if m.text == name]
    assert kept and kept[0].place is None
    assert kept[0].reason.startswith("not in the gazetteer")


def test_a_known_town_the_resolver_drops_after_the_town_of_is_kept_unresolved() -> None:
    # the gazetteer's only "Palmyra" lie in other countries: named as "the city of", it stays
    mentions = geoparse("Days after seizing the Syrian desert city of Palmyra, the group advanced.")
    palmyra = [m for m in mentions if m.text == "Palmyra"]
    assert palmyra and palmyra[0].reason.startswith("not resolved")


def test_the_town_of_is_a_place_position_for_a_small_known_town() -> None:
    found_ = found("Twelve people died near the town of Volnovakha in eastern Ukraine on Tuesday.")
    assert ("Volnovakha", "UA") in found_


def test_a_venue_at_a_known_place_is_not_a_place() -> None:
    assert texts("He was sentenced at the Old Bailey in London on Friday.") == ["London"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A car bomb went off in Tarnowal district of southern Karachi.", "Tarnowal"),
        ("Gunmen raided the town of La Zarkhel at dawn.", "La Zarkhel"),
        ("A bomb hit the capital's northern suburb of Qambarabad on Friday.", "Qambarabad"),
        ("Troops shelled the Tarnowal Mountains overnight.", "Tarnowal Mountains"),
        ("Rebels took Tal Zarkhel and two nearby hills.", "Tal Zarkhel"),
    ],
)
def test_districts_suburbs_and_hills_the_gazetteer_lacks(text: str, name: str) -> None:
    kept = [m for m in geoparse(text) if m.text == name]
    assert kept and kept[0].place is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A shell hit Karachi's eastern district of Tarnowal at noon.", "Tarnowal"),
        ("Raiders burned huts in a village called Zarkhel near the river.", "Zarkhel"),
        ("The convoy stopped in Qambarabad, a small town in the hills.", "Qambarabad"),
        ("In Tarnowal, south of the capital, a soldier was killed.", "Tarnowal"),
        ("The rebels stormed Kesh Magri at dawn.", "Kesh Magri"),
        ("A bomb went off in Tarnowal  district, police said.", "Tarnowal"),  # two spaces
    ],
)
def test_more_place_positions_of_names_the_gazetteer_lacks(text: str, name: str) -> None:
    kept = [m for m in geoparse(text) if m.text == name]
    assert kept and kept[0].place is None


@pytest.mark.parametrize(
    "text",
    [
        "Jane Smith, a town councillor, spoke first.",
        "Police entered the house of Mr. Tarnowal on Monday.",
    ],
)
def test_people_are_not_taken_for_places(text: str) -> None:
    assert [m.text for m in geoparse(text) if m.place is None] == []


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # names that are also surnames or words, said to be places by what follows them
        ("Taylor is a town in Navajo County, Arizona.", "Taylor", "Arizona"),
        ("Clinton is a town in Worcester County, Massachusetts.", "Clinton", "Massachusetts"),
        (
            "Lawton's population was 96,867 at the census. It lies in Oklahoma.",
            "Lawton",
            "Oklahoma",
        ),
    ],
)
def test_a_name_said_to_be_a_place_is_one(text: str, name: str, admin1: str) -> None:
    found_ = [m for m in geoparse(text) if m.text == name]
    assert found_ and found_[0].place is not None and found_[0].place.admin1 == admin1


@pytest.mark.parametrize(
    "text",
    ["Taylor is a singer from Nashville.", "Taylor was a town councillor in Nashville."],
)
def test_a_person_described_otherwise_stays_a_person(text: str) -> None:
    assert texts(text) == ["Nashville"]


def test_the_area_code_of_the_articles_numbers_is_a_place_of_the_article() -> None:
    # alone, London is England's; a 519 number is southwestern Ontario's
    text = (
        "London police say a man was stabbed at a banquet hall overnight. Anyone with "
        "information is asked to call London police at 519-661-5670."
    )
    assert {m.place.admin1 for m in geoparse(text) if m.place is not None} == {"Ontario"}
    assert found("London police say a man was stabbed at a banquet hall.") == [("London", "GB")]
