"""`explorer geocode`: names are echoed with their control characters escaped (no terminal
escape sequence gets through), and an online service that fails exits with 3, not with the 1 of
"not found"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from explorer import errors
from explorer.cli import main
from explorer.cli.text import shown
from explorer.model import Place

ESCAPES = [
    "Mosul\x1b[2J\x1b[31m",  # clear the screen, red
    "\x1b]0;owned\x07Mosul",  # set the window title
    "Mos\u202eul",  # right-to-left override
    "\x9b31mMosul",  # the one-byte CSI of 8-bit terminals
    "Mosul\r\nIrbil: (0, 0)",  # a forged second line
    "Mosul\U000e0001",  # a tag character (outside the BMP)
]


def _visible(text: str) -> bool:
    return all(c.isprintable() or c == "\n" for c in text)


@pytest.mark.parametrize("query", ESCAPES)
def test_control_characters_are_escaped_when_echoed(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["geocode", query, "Mosul"]) == 1  # the odd one is not found
    out, err = capsys.readouterr()
    assert _visible(out) and _visible(err)
    first = out.splitlines()[0]
    assert first == f"{shown(query)}: not found"
    assert "\\" in first and out.count("\n") == 2


@pytest.mark.parametrize("query", ESCAPES)
def test_json_output_escapes_them_and_stays_json(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["geocode", "--json", query]) == 1
    out = capsys.readouterr().out
    assert _visible(out)
    assert json.loads(out)[0]["query"] == query  # the same text, read back


def test_bytes_that_are_not_utf8_are_no_query_and_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    query = b"\x9bMosul".decode("utf-8", "surrogateescape")  # how Python passes such argv
    assert main(["geocode", query, "Mosul"]) == 1
    out, err = capsys.readouterr()
    assert err == "\\udc9bMosul: error: the name is not UTF-8 text\n"
    assert out.startswith("Mosul: ")
    assert main(["geocode", "--json", query]) == 1
    assert json.loads(capsys.readouterr().out)[0]["error"] == "the name is not UTF-8 text"


def test_shown_leaves_printable_text_alone() -> None:
    assert shown("Fort Bragg, North Carolina") == "Fort Bragg, North Carolina"
    assert shown("Zürich – Genève") == "Zürich – Genève"
    assert shown("a\x1bb\tc") == "a\\x1bb\\tc"


class _Service:
    """An online geocoder stand-in: knows Mosul, does not know Qwxz, fails on the rest."""

    def __init__(self, failure: errors.ExplorerError) -> None:
        self.failure = failure

    def geocode_place(self, query: str) -> Place | None:
        if query == "Mosul":
            return Place(
                key="x:1", name="Mosul", feature="populated_place", latitude=36.3,
                longitude=43.1, country_code="IQ",
            )  # fmt: skip
        if query == "Qwxz":
            return None
        raise self.failure


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (errors.GeocoderUnavailable("cannot reach nominatim.openstreetmap.org"), 3),
        (errors.GeocoderTimedOut("no answer in 10 s"), 3),
        (errors.GeocoderRateLimited("HTTP 429"), 3),
        (errors.GeocoderQuotaExceeded("quota"), 3),
        (errors.GeocoderServiceError("HTTP 500"), 3),
        (errors.InvalidQuery("place query has no letters"), 1),
        (errors.GazetteerError("the index is damaged"), 2),
    ],
)
@pytest.mark.parametrize("with_json", [False, True])
def test_a_failing_service_exits_3_not_1(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: errors.ExplorerError,
    status: int,
    with_json: bool,
) -> None:
    import explorer.geocoding

    def get_geocoder(*args: Any, **kwargs: Any) -> _Service:
        return _Service(failure)

    monkeypatch.setattr(explorer.geocoding, "get_geocoder", get_geocoder)
    argv = ["geocode", *(["--json"] if with_json else []), "Mosul", "Qwxz", "Raqqa"]
    assert main(argv) == status  # the highest status: a failure outranks "not found"
    out, err = capsys.readouterr()
    if with_json:
        rows = json.loads(out)
        assert [r["name"] for r in rows] == ["Mosul", None, None]
        assert rows[2]["error"] == str(failure) and "error" not in rows[1]
    else:
        found, missing = out.splitlines()
        assert found.startswith("Mosul: ") and missing == "Qwxz: not found"
        assert err == f"Raqqa: error: {failure}\n"


def test_not_found_alone_is_still_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import explorer.geocoding

    monkeypatch.setattr(
        explorer.geocoding, "get_geocoder", lambda *a, **k: _Service(errors.GeocoderError("x"))
    )
    assert main(["geocode", "Mosul", "Qwxz"]) == 1
    assert main(["geocode", "Mosul"]) == 0


def test_help_says_what_each_status_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["geocode", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "1 when one is not found" in text
    assert "3 when an online service fails or cannot be reached" in text
