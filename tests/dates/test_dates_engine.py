"""The tagger's machinery: case folding, trigger words, the JSON fast path, start-up imports."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from explorer.dates import dates_json, find_dates, fold
from explorer.dates.context import sentence_bounds
from explorer.dates.patterns import trigger_hits

PUB = dt.date(2015, 12, 2)

TEXT = (
    "LAST WEEK the council met; Three Years ago it had voted. On Tuesday, Dec. 1, the mayor said "
    "the plan would take effect next month, at 10 a.m. on Friday, and run for six months."
)


def test_dates_json_matches_find_dates() -> None:
    for published in (PUB, None):
        expected = [t.to_dict() for t in find_dates(TEXT, published=published)]
        assert dates_json(TEXT, published=published) == expected
        assert expected


def test_case_insensitive_rules_run_on_folded_text() -> None:
    values = {t.text: t.value for t in find_dates(TEXT, published=PUB)}
    assert values["LAST WEEK"] == "2015-W48"
    assert values["Three Years ago"] == "2012"
    assert values["six months"] == "P6M"


def test_fold_keeps_offsets() -> None:
    text = "İstanbul talks resumed last week."
    assert len(fold(text)) == len(text)
    (t,) = find_dates(text, published=PUB)
    assert (t.text, t.value) == ("last week", "2015-W48")


def test_trigger_words_need_word_boundaries() -> None:
    hits = trigger_hits("The mayor knows the market; May 5 and 1998 and 10 p.m.")
    assert hits["mon"] == [28]  # "May", not "mayor" nor "market"
    assert "ref" not in hits  # "now" inside "knows"
    assert hits["year"] == [38] and hits["clock"] == [47]


def test_jsonl_path_does_not_import_the_records_module() -> None:
    code = (
        "import sys; from explorer.dates import dates_json; "
        "dates_json('He left on Tuesday.', published=None); "
        "print('explorer.model' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_sentence_bounds_skip_initials_and_abbreviations() -> None:
    text = "It rained. Mr. Lee met Gen. A. B. Cole on Dec. 3 in the U.S. capital. Then it snowed."
    at = text.index("Dec. 3")
    lo, hi = sentence_bounds(text, at, at + 6)
    assert text[lo:hi] == "Mr. Lee met Gen. A. B. Cole on Dec. 3 in the U.S. capital."
