"""Logging: the library configures no handlers; the command line logs to standard error,
warnings by default, more with -v and -vv, errors only with -q."""

from __future__ import annotations

import logging

import pytest
from geopy import exc as geopy_exc

from explorer.cli import configure_logging, main
from explorer.geocoding.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_importing_explorer_adds_no_handlers() -> None:
    import explorer.events
    import explorer.places  # noqa: F401

    logger = logging.getLogger("explorer")
    assert not [h for h in logger.handlers if type(h).__name__ != "_StderrHandler"]


@pytest.mark.parametrize(
    ("argv", "level"),
    [([], logging.WARNING), (["-v"], logging.INFO), (["-vv"], logging.DEBUG),
     (["-q"], logging.ERROR), (["-q", "-v"], logging.ERROR)],
)  # fmt: skip
def test_verbosity_flags(argv: list[str], level: int) -> None:
    assert main([*argv, "geocode", "Irbil"]) == 0
    assert logging.getLogger("explorer").level == level
    configure_logging(0)


def test_retries_of_an_online_service_are_logged(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = []

    def flaky(query: str) -> str:
        calls.append(query)
        if len(calls) < 3:
            raise geopy_exc.GeocoderTimedOut("slow")
        return "found"

    configure_logging(1)
    try:
        with caplog.at_level(logging.INFO, logger="explorer"):
            limiter = RateLimiter(flaky, min_interval=0, clock=FakeClock())
            assert limiter("Irbil") == "found"
    finally:
        configure_logging(0)
    retries = [r.getMessage() for r in caplog.records if "retry" in r.getMessage()]
    assert retries == ["GeocoderTimedOut for 'Irbil': retry 1 of 3 in 2.0 s",
                       "GeocoderTimedOut for 'Irbil': retry 2 of 3 in 4.0 s"]  # fmt: skip
    assert "explorer: INFO: GeocoderTimedOut for 'Irbil': retry 1 of 3" in capsys.readouterr().err
