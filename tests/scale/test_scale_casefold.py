"""The text filter folds case as str.casefold in memory and in DuckDB: the same rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from explorer.events import Criteria, EventTable, filter_events
from explorer.events.casefold import LIMIT
from explorer.events.filter import _arrow_fold_table, folded_contains
from explorer.scale import open_events, to_arrow
from explorer.scale.sql import TEXT_COLUMNS, _duck_fold_table, text_sql

WORDS = [
    "Straße", "STRASSE", "strasse", "STRAẞE", "Strasse",
    "ﬁnal report", "FINAL", "final", "ﬂood", "FLOOD", "eﬀort", "EFFORT",
    "KADIKÖY", "Kadıköy", "kadiköy", "KADİKÖY", "İstanbul", "ISTANBUL", "istanbul",
    "ΣΟΦΟΣ", "σοφος", "σοφοσ", "Οδυσσέας", "ΟΔΥΣΣΈΑΣ",
    "µm", "μm", "ſtop", "ǅ", "ǆ", "Ǆ", "K", "k", "Å", "Å", "å",
    "Ꭰ", "ꭰ", "ᾈ", "ἀι", "ŉ", "ʼn", "“Mosul”", "Mosul", None,
]  # fmt: skip
NEEDLES = [
    "straße", "STRASSE", "ss", "ẞ", "ﬁ", "fi", "FINAL", "ﬂ", "ff", "KADIKÖY", "kadıköy",
    "kadiköy", "İ", "i", "ı", "istanbul", "ΣΟΦΟΣ", "σοφος", "ς", "σ", "Σ", "ΟΔΥΣΣΕΑΣ",
    "μ", "µ", "s", "ǅ", "k", "K", "å", "Ꭰ", "ꭰ", "ᾈ", "ἀι", "ʼn", "“mosul”", "mosul",
]  # fmt: skip

# what casefold promises (and both backends keep)
EXPECTED = [
    ("straße", {"Straße", "STRASSE", "strasse", "STRAẞE", "Strasse"}),
    ("ﬁnal", {"ﬁnal report", "FINAL", "final"}),
    ("ΣΟΦΟΣ", {"ΣΟΦΟΣ", "σοφος", "σοφοσ"}),
    ("µm", {"µm", "μm"}),
    ("KADIKÖY", {"KADIKÖY", "kadiköy"}),  # dotless ı is not i; İ folds to i + dot above
]


@pytest.fixture(scope="module")
def table() -> EventTable:
    rows = []
    for i, word in enumerate(WORDS):
        for j, column in enumerate(TEXT_COLUMNS):
            cells: dict[str, str | None] = dict.fromkeys(TEXT_COLUMNS)
            cells[column] = word if j % 2 == 0 else f"near {word} today"
            rows.append({"event_id": f"e{i:03d}-{j}", **cells})
    return EventTable(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, table: EventTable) -> Path:
    path = tmp_path_factory.mktemp("casefold") / "events.parquet"
    import pyarrow.parquet as pq

    pq.write_table(to_arrow(table), path)
    return path


def _words(t: EventTable) -> set[str]:
    df = t.df
    out = set()
    for column in TEXT_COLUMNS:
        for cell in df[column].dropna():
            out.add(cell.removeprefix("near ").removesuffix(" today"))
    return out


@pytest.mark.parametrize("needle", NEEDLES)
def test_both_backends_keep_the_rows_casefold_keeps(
    table: EventTable, dataset: Path, needle: str
) -> None:
    folded = needle.casefold()
    expected = {
        f"e{i:03d}-{j}"
        for i, word in enumerate(WORDS)
        for j in range(len(TEXT_COLUMNS))
        if word is not None and folded in word.casefold()
    }
    memory = filter_events(table, Criteria(text=needle))
    duck = open_events(dataset).filter(text=needle).to_event_table()
    assert set(memory.df["event_id"]) == expected
    assert set(duck.df["event_id"]) == expected


@pytest.mark.parametrize(("needle", "words"), EXPECTED)
def test_documented_matches(table: EventTable, dataset: Path, needle: str, words: set[str]) -> None:
    assert _words(filter_events(table, Criteria(text=needle))) == words
    assert _words(open_events(dataset).filter(text=needle).to_event_table()) == words


def test_casefold_is_idempotent_and_nothing_folds_above_the_limit() -> None:
    for i in range(0x110000):
        if 0xD800 <= i <= 0xDFFF:
            continue
        c = chr(i)
        folded = c.casefold()
        assert folded.casefold() == folded, hex(i)
        if i >= LIMIT:
            assert folded == c and c.lower() == c, hex(i)
    con = duckdb.connect()
    above = con.execute(
        "SELECT count(*) FROM range($lo, 1114112) t(i) "
        "WHERE (i < 55296 OR i > 57343) AND lower(chr(i::INTEGER)) <> chr(i::INTEGER)",
        {"lo": LIMIT},
    ).fetchone()
    assert above == (0,)
    import pyarrow.compute as pc

    chars = pa.array([chr(i) for i in range(LIMIT, 0x110000)])
    assert pc.all(pc.equal(pc.utf8_lower(chars), chars)).as_py()


def _special_cases(lowered: dict[str, str]) -> tuple[list[str], list[str]]:
    """Cells holding every special character (alone and between letters) and needles made of
    every character their folding or lowering holds, with neighbours."""
    cells, needles = [], set()
    for c, lo in lowered.items():
        cells += [c, f"a{c}b", f"{c}{c}", f"{c.casefold()}{c}"]
        for x in set(c.casefold()) | set(lo):
            needles.add(x.casefold())
        needles.add(c.casefold())
        needles.add(f"a{c.casefold()}")
    return cells, sorted(n for n in needles if n)


def test_every_special_character_of_duckdb_folds_as_casefold() -> None:
    table = _duck_fold_table()
    cells, needles = _special_cases(table.lower)
    con = duckdb.connect()
    data = pa.table({"sentence": pa.array(cells)})
    con.register("data", data)
    for needle in needles:
        params: dict[str, object] = {}
        sql = text_sql(needle, params, ("sentence",))
        got = {
            r[0] for r in con.execute(f"SELECT sentence FROM data WHERE {sql}", params).fetchall()
        }
        assert got == {c for c in cells if needle in c.casefold()}, needle


def test_every_special_character_of_arrow_folds_as_casefold() -> None:
    table = _arrow_fold_table()
    cells, needles = _special_cases(table.lower)
    series = pd.Series(cells, dtype="str")
    for needle in needles:
        got = set(series[folded_contains(series, needle)])
        assert got == {c for c in cells if needle in c.casefold()}, needle
