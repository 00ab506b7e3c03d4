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
import explorer.files as mod
from explorer.events import Corrections

real_fdopen = os.fdopen
class Dying:
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def write(self, text):
        self.fh.write(text[: len(text) // 2]); self.fh.flush()
        os._exit(9)   # the process dies half-way through writing
    def flush(self): pass
    def fileno(self): return self.fh.fileno()
mod.os.fdopen = lambda fd, *a, **k: Dying(real_fdopen(fd, *a, **k))
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
