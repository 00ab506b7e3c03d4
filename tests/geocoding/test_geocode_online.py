"""Online back ends through geopy, with a fake HTTP adapter and a fake clock: never the network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from geopy.adapters import AdapterHTTPError, BaseSyncAdapter

from explorer import errors
from explorer.geocoding import get_geocoder
from explorer.geocoding.cache import GeocodeCache
from explorer.geocoding.online import OnlineGeocoder
from explorer.geocoding.ratelimit import RateLimiter

NOMINATIM_ANSWER = [
    {
        "place_id": 1,
        "osm_id": 4242,
        "lat": "48.2082",
        "lon": "16.3738",
        "display_name": "Kleinhausen Nord, Wien, Österreich",
        "addresstype": "suburb",
        "address": {"country_code": "at", "state": "Wien"},
    }
]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


class FakeAdapter(BaseSyncAdapter):  # type: ignore[misc]
    """Answers from a script: JSON bodies or HTTP errors, and records every URL."""

    script: ClassVar[list[Any]] = []
    urls: ClassVar[list[str]] = []

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        FakeAdapter.urls.append(url)
        assert "explorer-tests" in headers["User-Agent"]
        step = FakeAdapter.script.pop(0)
        if isinstance(step, int):
            raise AdapterHTTPError(
                f"HTTP {step}",
                status_code=step,
                headers={"retry-after": "7"} if step == 429 else {},
                text="",
            )
        return step

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        raise AssertionError("not used")


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[tuple[OnlineGeocoder, FakeClock]]:
    FakeAdapter.script = []
    FakeAdapter.urls = []
    clock = FakeClock()
    geocoder = OnlineGeocoder(
        "nominatim",
        user_agent="explorer-tests/1.0",
        cache_path=tmp_path / "cache.sqlite",
        adapter_factory=FakeAdapter,
        clock=clock,
    )
    yield geocoder, clock


def test_online_answer_is_converted_and_cached(fake: tuple[OnlineGeocoder, FakeClock]) -> None:
    geocoder, _ = fake
    FakeAdapter.script = [NOMINATIM_ANSWER]
    place = geocoder.geocode_place("Kleinhausen Nord")
    assert place is not None
    assert place.name == "Kleinhausen Nord"
    assert place.country_code == "AT"
    assert place.latitude == pytest.approx(48.2082)
    assert len(FakeAdapter.urls) == 1
    # The same query (any case or spacing) never goes out twice, even with no network at all.
    again = geocoder.geocode_place("  kleinhausen   NORD ")
    assert again == place
    assert len(FakeAdapter.urls) == 1
    assert geocoder.cache.hits == 1


def test_cache_persists_across_instances(tmp_path: Path) -> None:
    FakeAdapter.script = [[]]
    FakeAdapter.urls = []
    kwargs: dict[str, Any] = dict(
        user_agent="explorer-tests/1.0",
        cache_path=tmp_path / "c.sqlite",
        adapter_factory=FakeAdapter,
        clock=FakeClock(),
    )
    assert OnlineGeocoder("nominatim", **kwargs).geocode_place("Nowhere Qxz") is None
    # A second process: the "not found" answer comes from the cache, no request.
    assert OnlineGeocoder("nominatim", **kwargs).geocode_place("Nowhere Qxz") is None
    assert len(FakeAdapter.urls) == 1


def test_offline_gazetteer_answers_before_the_service(
    fake: tuple[OnlineGeocoder, FakeClock],
) -> None:
    geocoder, _ = fake
    place = geocoder.geocode_place("Irbil")
    assert place is not None and place.name == "Erbil"
    assert FakeAdapter.urls == []


def test_requests_are_spaced_one_second_apart(fake: tuple[OnlineGeocoder, FakeClock]) -> None:
    geocoder, clock = fake
    FakeAdapter.script = [[], [], []]
    for q in ["Qxzplace One", "Qxzplace Two", "Qxzplace Three"]:
        geocoder.geocode_place(q)
    assert clock.sleeps == [1.0, 1.0]


def test_429_is_retried_after_retry_after(fake: tuple[OnlineGeocoder, FakeClock]) -> None:
    geocoder, clock = fake
    FakeAdapter.script = [429, NOMINATIM_ANSWER]
    place = geocoder.geocode_place("Kleinhausen Nord")
    assert place is not None
    assert 7.0 in clock.sleeps
    assert len(FakeAdapter.urls) == 2


def test_persistent_429_becomes_an_explorer_error(fake: tuple[OnlineGeocoder, FakeClock]) -> None:
    geocoder, _ = fake
    FakeAdapter.script = [429, 429, 429, 429]
    with pytest.raises(errors.GeocoderRateLimited):
        geocoder.geocode_place("Kleinhausen Nord")
    assert len(FakeAdapter.urls) == 4


def test_server_error_is_translated(fake: tuple[OnlineGeocoder, FakeClock]) -> None:
    geocoder, _ = fake
    FakeAdapter.script = [500]
    with pytest.raises(errors.GeocoderError):
        geocoder.geocode_place("Kleinhausen Nord")


class TestRateLimiter:
    def test_exponential_backoff_on_timeouts(self) -> None:
        from geopy.exc import GeocoderTimedOut

        clock = FakeClock()
        calls: list[str] = []

        def flaky(query: str) -> str:
            calls.append(query)
            if len(calls) < 4:
                raise GeocoderTimedOut("slow")
            return "ok"

        limiter = RateLimiter(flaky, min_interval=1.0, max_retries=3, backoff=2.0, clock=clock)
        assert limiter("q") == "ok"
        # waits of 2, 4, 8 s; the spacing rule needs no extra wait after them
        assert clock.sleeps == [2.0, 4.0, 8.0]

    def test_spacing_counts_time_already_passed(self) -> None:
        clock = FakeClock()
        limiter = RateLimiter(lambda q: q, min_interval=1.0, clock=clock)
        limiter("a")
        clock.now += 0.25
        limiter("b")
        clock.now += 5
        limiter("c")
        assert clock.sleeps == [0.75]

    def test_no_retry_for_other_errors(self) -> None:
        from geopy.exc import GeocoderQueryError

        def bad(query: str) -> str:
            raise GeocoderQueryError("bad query")

        limiter = RateLimiter(bad, clock=FakeClock())
        with pytest.raises(GeocoderQueryError):
            limiter("q")
        assert limiter.calls == 1


@pytest.mark.parametrize("user_agent", [None, "", "   "])
def test_online_back_ends_need_a_user_agent(tmp_path: Path, user_agent: str | None) -> None:
    with pytest.raises(errors.ConfigurationError, match="user agent"):
        get_geocoder("nominatim", user_agent=user_agent, cache_path=tmp_path / "c.sqlite")


def test_unknown_back_end() -> None:
    with pytest.raises(errors.ConfigurationError, match="unknown geocoding back end"):
        get_geocoder("carrier-pigeon", user_agent="x")


def test_photon_is_available_by_name(tmp_path: Path) -> None:
    geocoder = get_geocoder("photon", user_agent="explorer-tests/1.0", cache_path=tmp_path / "c")
    assert isinstance(geocoder, OnlineGeocoder) and geocoder.name == "photon"


def test_default_backend_is_offline_and_never_opens_a_socket(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    place = get_geocoder().geocode_place("Mosul")
    assert place is not None and place.country_code == "IQ"


def test_cache_is_a_plain_sqlite_file(tmp_path: Path) -> None:
    cache = GeocodeCache(tmp_path / "sub" / "c.sqlite")
    assert cache.is_missing(cache.get("nominatim", "x"))
    cache.put("nominatim", "X", {"a": 1})
    assert cache.get("nominatim", "x") == {"a": 1}
    assert len(cache) == 1
