from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.errors import CorrectionError
from explorer.events import Corrections
from explorer.geocoding import geocode
from explorer.model import PlaceMention, TimeMention


def mentions() -> list[PlaceMention]:
    return [
        PlaceMention("Fort Bragg", 10, 20, geocode("Fort Bragg, California"), 0.5, "population"),
        PlaceMention("Carter", 30, 36, geocode("Carter, Oklahoma"), 0.3, "population"),
        PlaceMention("Mosul", 40, 45, geocode("Mosul"), 0.9, "test"),
    ]


def test_place_overrides_apply_on_every_run(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    c = Corrections(path)
    c.set_place("a1", 10, "Fort Bragg, North Carolina", text="Fort Bragg")
    c.set_place("a1", 30, None, text="Carter")  # not a place
    again = Corrections(path)  # a later run reads the file
    fixed = again.apply_places("a1", mentions())
    assert [m.text for m in fixed] == ["Fort Bragg", "Mosul"]
    assert fixed[0].place is not None and fixed[0].place.admin1 == "North Carolina"
    assert fixed[0].reason == "corrected by the user" and fixed[0].score == 1.0
    assert again.apply_places("other-article", mentions()) == mentions()


def test_a_correction_whose_text_no_longer_matches_is_not_applied(tmp_path: Path) -> None:
    c = Corrections(tmp_path / "c.json")
    c.set_place("a1", 40, "Baghdad", text="Something else")
    assert c.apply_places("a1", mentions())[2].place == geocode("Mosul")


def test_date_overrides(tmp_path: Path) -> None:
    c = Corrections(tmp_path / "c.json")
    c.set_date("a1", 5, dt.date(2015, 12, 1), text="on Tuesday")
    t = TimeMention("on Tuesday", 5, 15, "DATE", "2015-12-08", None, None, "day", False)
    (fixed,) = Corrections(tmp_path / "c.json").apply_dates("a1", [t])
    assert (fixed.value, fixed.start_date, fixed.anchored) == (
        "2015-12-01",
        dt.date(2015, 12, 1),
        True,
    )


def test_unknown_place_string_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorrectionError, match="no place found"):
        Corrections(tmp_path / "c.json").set_place("a1", 1, "Qwxzvbnm")


def test_malformed_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"corrections": [{"kind": "place"}]}', encoding="utf-8")
    with pytest.raises(CorrectionError, match="cannot read corrections"):
        Corrections(path)


CRASH = """
import os, sys
from pathlib import Path
from explorer.events import Corrections

def dying(self, text, *args, **kwargs):
    with open(self, "w", encoding="utf-8") as fh:
        fh.write(text[: len(text) // 2]); fh.flush()
    os._exit(9)   # the process dies half-way through writing
Path.write_text = dying
c = Corrections(Path(sys.argv[1]))
c.set_place("a1", 99, None, text="Nice")
"""


def test_a_crash_mid_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    c = Corrections(path)
    c.set_place("a1", 30, None, text="Carter")
    before = path.read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(path)], capture_output=True)
    assert proc.returncode == 9
    assert path.read_text(encoding="utf-8") == before
    assert len(json.loads(before)["corrections"]) == 1
    assert Corrections(path).apply_places("a1", mentions())[1].text == "Mosul"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "corrections.json"]
    # a killed process cannot clean up; the stray temporary file is ignored by readers
    assert all(name.startswith(".corrections.json.") for name in leftovers)


def write_entries(path: Path, *entries: dict) -> Path:
    path.write_text(json.dumps({"version": 1, "corrections": list(entries)}), encoding="utf-8")
    return path


def test_a_hand_written_place_needs_only_a_name_and_a_point(tmp_path: Path) -> None:
    path = write_entries(tmp_path / "c.json", {
        "article_id": "a1", "start": 40, "kind": "place", "text": "Mosul",
        "place": {"name": "Erbil", "latitude": 36.19, "longitude": 44.0}})  # fmt: skip
    (_, _, fixed) = Corrections(path).apply_places("a1", mentions())
    assert fixed.place is not None
    assert (fixed.place.key, fixed.place.feature, fixed.place.country_code) == (
        "user:Erbil", "populated_place", "IQ")  # fmt: skip
    assert fixed.place.point == (36.19, 44.0)


PLACE = {"article_id": "a1", "start": 40, "kind": "place", "text": "Mosul"}
DATE = {"article_id": "a1", "start": 5, "kind": "date", "text": "on Tuesday"}


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({**DATE, "start_date": "25/11/2015"}, "start_date is not a YYYY-MM-DD date: '25/11/2015'"),
        ({**DATE, "start_date": "2015-12-02", "end_date": "2015-12-01"}, "is before start_date"),
        ({**DATE}, "needs 'start_date'"),
        ({**PLACE, "place": {"latitude": 36.19, "longitude": 44.0}}, "place needs a name"),
        ({**PLACE, "place": {"name": "Erbil", "latitude": 36.19}}, "needs a longitude"),
        ({**PLACE, "place": {"name": "Erbil", "latitude": 91, "longitude": 44}},
         "latitude 91 is outside -90..90"),
        ({**PLACE, "place": {"name": "E", "lat": 36, "lon": 44, "elevation": 3}},
         "unknown place field(s) 'elevation'"),
        ({**PLACE, "place": "Erbil"}, "place must be null"),
        ({**PLACE}, "needs 'place'"),
        ({**PLACE, "kind": "time"}, "kind must be 'place' or 'date'"),
        ({**PLACE, "start": -1, "place": None}, "start must be a character offset"),
        ({**PLACE, "start": "40", "place": None}, "start must be a character offset"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_named_when_the_file_is_read(tmp_path: Path, entry: dict, why: str) -> None:
    good = {**PLACE, "start": 1, "place": None}
    path = write_entries(tmp_path / "c.json", good, entry)
    with pytest.raises(CorrectionError) as info:
        Corrections(path)
    assert str(path) in str(info.value) and "entry 2 (article 'a1'" in str(info.value)
    assert why in str(info.value)


def test_two_entries_for_one_mention_are_an_error(tmp_path: Path) -> None:
    path = write_entries(tmp_path / "c.json", {**PLACE, "place": None}, {**PLACE, "place": None})
    with pytest.raises(CorrectionError, match=r"entry 2 .* the same mention as entry 1"):
        Corrections(path)


def test_a_missing_file_is_empty_for_the_api_and_an_error_for_read(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    with pytest.raises(CorrectionError, match="corrections file not found"):
        Corrections.read(path)
    c = Corrections(path)
    assert len(c) == 0 and not path.exists()
    c.set_place("a1", 30, None, text="Carter")  # the first write creates it
    assert len(Corrections.read(path)) == 1


def test_corrections_that_no_longer_fit_are_listed(tmp_path: Path) -> None:
    from explorer.model import Article

    c = Corrections(tmp_path / "c.json")
    c.set_place("a1", 40, None, text="Mosul", save=False)  # fits
    c.set_place("a1", 30, None, text="Carter", save=False)  # the text there changed
    c.set_date("a1", 70, dt.date(2015, 12, 1), text="on Tuesday", save=False)  # no date there
    text = "x" * 30 + "Cartel" + "x" * 4 + "Mosul" + "x" * 40
    stale = c.unmatched(Article("a1", "T", text), mentions()[2:], [])
    assert stale == [
        "the date correction of 'on Tuesday' at offset 70 no longer matches the article (the "
        "text there is now 'xxxxxxxxxx'); not applied",
        "the place correction of 'Carter' at offset 30 no longer matches the article (the text "
        "there is now 'Cartel'); not applied",
    ]
