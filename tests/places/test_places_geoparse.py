"""The geoparser on sentences written for these tests."""

from __future__ import annotations

import io
import json

import pytest

from explorer.cli import main
from explorer.places import geoparse


def found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (m.text, None if m.place is None else m.place.name,
         None if m.place is None else m.place.country_code)
        for m in geoparse(text)
    ]  # fmt: skip


def texts(text: str) -> list[str]:
    return [m.text for m in geoparse(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops moved to Fort Bragg last year.", [("Fort Bragg", "Fort Bragg", "US")]),
        ("She moved to New York City in May.", [("New York City", "New York City", "US")]),
        ("Aid reached the Gaza Strip on Sunday.", [("Gaza Strip", "Gaza Strip", "PS")]),
        ("The convoy left Iraq's capital.", [("Iraq", "Iraq", "IQ")]),
        ("Shelling hit the Iraq-Syria border.", [("Iraq", "Iraq", "IQ"), ("Syria", "Syria", "SY")]),
        ("A Baghdad-based group spoke.", [("Baghdad", "Baghdad", "IQ")]),
        ("Officials in the U.S. and the U.K. agreed.", [("U.S.", "United States", "US"), ("U.K.", "United Kingdom", "GB")]),
        ("The US and the UAE signed a deal.", [("US", "United States", "US"), ("UAE", "United Arab Emirates", "AE")]),
        ("Delegates flew in from the USA.", [("USA", "United States", "US")]),
        ("Irbil is calm, residents said.", [("Irbil", "Erbil", "IQ")]),
    ],
)  # fmt: skip
def test_mentions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_headline_capitalisation_and_all_caps() -> None:
    assert texts("Rebels Take Control Of Northern Town Near Mosul") == ["Mosul"]
    assert [m.place.country_code for m in geoparse("FIGHTING SPREADS TO BAGHDAD AND IRAQ")  # type: ignore[union-attr]
            ] == ["IQ", "IQ"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "demonym", "country"),
    [
        ("Iraqi forces advanced.", "Iraqi", "IQ"),
        ("Syrian rebels retreated.", "Syrian", "SY"),
        ("Kurdish fighters held the ridge.", "Kurdish", "IQ"),
        ("American advisers arrived.", "American", "US"),
        ("Two Americans were freed.", "Americans", "US"),
    ],
)
def test_demonyms(text: str, demonym: str, country: str) -> None:
    (m,) = geoparse(text)
    assert (m.text, m.demonym) == (demonym, True)
    assert m.place is not None and m.place.country_code == country
    assert "demonym" in m.reason


def test_kurdish_maps_to_the_kurdistan_region() -> None:
    (m,) = geoparse("Kurdish officials met.")
    assert m.place is not None and m.place.name == "Kurdistan Region"


@pytest.mark.parametrize(
    "text",
    [
        "Secretary of State John Kerry spoke to reporters.",
        "Defense Secretary Ash Carter testified.",
        "John Kerry met officials. Later, Kerry said the talks went well.",
        "The proposal went to Congress on Monday.",
        "Reuters and NBC News reported the move.",
        "The White House approved the plan.",
        "Of the 40 people hurt, most were treated.",
        "Nice weather helped the rescuers.",
        "Reading the report took hours.",
        "March was cold. May brought rain.",
        "Mobile phones were cut off.",
        "Chad Smith and Jordan Lee were arrested.",
        "Sen. Paul Walker voted no.",
        "He lives on Main Street near the Police Department.",
    ],
)
def test_guards_against_false_places(text: str) -> None:
    assert texts(text) == []


def test_first_name_alone_can_still_be_a_country() -> None:
    assert found("Refugees crossed into Jordan and Chad.") == [
        ("Jordan", "Jordan", "JO"),
        ("Chad", "Chad", "TD"),
    ]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Soldiers from Fort Bragg, North Carolina, left.", "North Carolina"),
        ("Soldiers from Fort Bragg, California, left.", "California"),
        ("Soldiers from Fort Bragg, N.C., left.", "North Carolina"),
        ("Flooding in Springfield, Massachusetts closed roads.", "Massachusetts"),
        ("Flooding in Springfield in Illinois closed roads.", "Illinois"),
    ],
)
def test_qualifiers(text: str, admin1: str) -> None:
    first = geoparse(text)[0]
    assert first.place is not None and first.place.admin1 == admin1
    assert first.reason.startswith("qualified by")


def test_one_sense_per_article() -> None:
    text = "Units left Fort Bragg, California, on Monday. Families in Fort Bragg waved."
    mentions = [m for m in geoparse(text) if m.text == "Fort Bragg"]
    assert [m.place.admin1 for m in mentions] == ["California", "California"]  # type: ignore[union-attr]


def test_context_prefers_places_in_regions_the_article_names() -> None:
    plain = geoparse("Crews worked in Paris overnight.")[0]
    assert plain.place is not None and plain.place.country_code == "FR"
    texas = next(
        m
        for m in geoparse("Storms hit Texas. Crews worked in Paris overnight.")
        if m.text == "Paris"
    )
    assert texas.place is not None and texas.place.admin1 == "Texas"
    assert "Texas" in texas.reason


def test_unresolved_offsets_and_scores() -> None:
    text = "Troops reached Mosul."
    (m,) = geoparse(text)
    assert text[m.start : m.end] == "Mosul"
    assert 0 <= m.score <= 1 and m.reason


def test_seed_article() -> None:
    from pathlib import Path

    path = Path(__file__).parents[2] / "data" / "articles" / "us-special-forces-iraq-syria.md"
    text = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    mentions = geoparse(text)
    by_text = {m.text: m for m in mentions}
    assert by_text["Irbil"].place.name == "Erbil"  # type: ignore[union-attr]
    assert by_text["Fort Bragg"].place.admin1 == "North Carolina"  # type: ignore[union-attr]
    for name in ["United States", "Iraq", "Syria", "North Carolina"]:
        assert name in by_text
    assert by_text["Iraqi"].demonym and by_text["Kurdish"].demonym
    for wrong in ["Kerry", "Carter", "Ash", "Congress", "Of", "Reuters", "White House", "NBC"]:
        assert wrong not in by_text


def test_jsonl_protocol(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Units stay in Irbil, Iraq."}),
        "not json",
        json.dumps({"id": 3, "text": "Nothing here."}),
        json.dumps({"text": "No id, Mosul."}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines)))
    assert main(["places", "--jsonl"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o.get("id") for o in out] == [1, None, 3, None]
    irbil = out[0]["places"][0]
    assert {k: irbil[k] for k in ("text", "start", "end", "name", "country_code", "feature")} == {
        "text": "Irbil", "start": 14, "end": 19, "name": "Erbil", "country_code": "IQ",
        "feature": "populated_place",
    }  # fmt: skip
    for key in ("latitude", "longitude", "admin1", "geonames_id", "score"):
        assert key in irbil
    assert "error" in out[1]
    assert out[2]["places"] == []
    assert out[3]["places"][0]["name"] == "Mosul"


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lincoln answered questions from the press.",
        "Dr. Houston saw forty patients that week.",
        "Sen. Lincoln cast the deciding vote.",
        "Gov. Houston vetoed the budget.",
        "Prof. Florence graded the exams.",
        "Lt. Gov. Houston opened the fair.",
        "Mrs. Dallas and her son left early.",
        "Mr Lincoln answered questions from the press.",
        "Secretary Lincoln answered questions from the press.",
    ],
)
def test_a_name_after_a_title_is_a_person_with_or_without_the_full_stop(text: str) -> None:
    assert texts(text) == []


def test_a_dotted_title_does_not_hide_the_place_after_the_name() -> None:
    assert found("Ms. Florence Walsh later spoke in Rome.") == [("Rome", "Rome", "IT")]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Flights to St. Louis were delayed by fog.", "St. Louis", "US"),
        ("The bus left St. Paul.", "Saint Paul", "US"),
        ("ST. PAUL -- The council met late.", "Saint Paul", "US"),
        ("Snow closed roads around St. Cloud, Minn.", "Saint Cloud", "US"),
        ("The ferry reached St. John's before dawn.", "St. John's", "CA"),
        ("Tourists crowded St. Petersburg's museums.", "St.-Petersburg", "RU"),
    ],
)
def test_saint_names_are_places(text: str, name: str, country: str) -> None:
    # "St." is no title: the town is not the surname of a "Saint"
    assert (name, country) in [(n, c) for _, n, c in found(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Nurses at St. Paul's Hospital voted to strike.",
        "Pupils at St. Michael's wore green on Friday.",
        "The choir of St. John's Cathedral sang.",
    ],
)
def test_a_saints_church_school_or_hospital_is_no_town(text: str) -> None:
    assert texts(text) == []


def test_w_va_style_abbreviations_still_read_whole() -> None:
    assert ("W.Va.", "West Virginia", "US") in found("Mines near Beckley, W.Va. reopened.")
