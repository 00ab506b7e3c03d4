"""The town a local story names in its dateline, its site's name or before "police", when the
geoparser found no place. Sentences and titles are our own."""

from __future__ import annotations

import pytest

from explorer.incidents.dateline import dateline_name, site_state, town_names


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("BRIGHTWATER | Officers say a boy was hurt.", "BRIGHTWATER", None),
        ("ST. LOUIS (KXYZ.com) - A girl was hurt.", "ST. LOUIS", None),
        ("Title\n\nHOWLAND, Ohio — Two men were shot.", "HOWLAND", "Ohio"),
        ("DAYTON, Mo. (WXYZ) – A man was shot.", "DAYTON", "Mo."),
    ],
)
def test_dateline(text: str, town: str, state: str | None) -> None:
    found = dateline_name(text)
    assert found is not None
    assert (found.text, found.state) == (town, state)
    assert text[found.start : found.end] == town


@pytest.mark.parametrize(
    "text", ["A man was shot - police said.", "BREAKING: two shot", "The shooting - a recap"]
)
def test_no_dateline(text: str) -> None:
    assert dateline_name(text) is None


def test_town_words() -> None:
    text = "Millbrook police investigate a shooting on Chestnut Avenue in Oakvale Monday."
    assert [t.text for t in town_names(text)] == ["Millbrook", "Oakvale"]


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("Man shot on porch - KXYZ News 12 Shreveport, Louisiana News Weather & Sports", "US.LA"),
        ("Two hurt in crash - example.com - Columbia, South Carolina", "US.SC"),
        ("Suspect arrested - Example News - Jackson, MS", "US.MS"),
        ("Man shot in Springfield, Ohio", None),  # no site's name: the story's own place
    ],
)
def test_site_state(title: str, region: str | None) -> None:
    assert site_state(title) == region


def test_an_article_with_no_place_found_takes_the_town_it_writes() -> None:
    import datetime as dt

    from explorer.incidents import extract_incidents
    from explorer.model import Article

    text = (
        "Officers say four people were hurt in a shooting in a Zanesville bar early Sunday.\n\n"
        "The bar was closed for the night."
    )
    article = Article(
        id="a", title="Four hurt in bar shooting", text=text, published=dt.date(2016, 5, 2)
    )
    main = extract_incidents(article)[0]
    assert main.place is not None and main.place.name == "Zanesville"
    assert main.place_start is not None and text[main.place_start : main.place_end] == "Zanesville"
