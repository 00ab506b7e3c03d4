"""A rate limiter with retries and exponential backoff, with an injectable clock for tests.

geopy's own ``RateLimiter`` waits a fixed time after any service error and ignores the
``Retry-After`` of an HTTP 429; this one backs off exponentially (``backoff * 2**attempt``,
capped) on rate limiting and time-outs, honours ``Retry-After``, and takes a clock so that tests
run without sleeping.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from geopy import exc as geopy_exc

__all__ = ["Clock", "RateLimiter", "SystemClock"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


RETRYABLE: tuple[type[BaseException], ...] = (
    geopy_exc.GeocoderRateLimited,
    geopy_exc.GeocoderTimedOut,
    geopy_exc.GeocoderUnavailable,
)


@dataclass
class RateLimiter(Generic[T]):
    """Call ``func`` at most once per ``min_interval`` seconds; retry retryable errors.

    ``max_retries`` retries follow the first call; the waits are ``backoff * 2**attempt`` seconds
    (at most ``max_backoff``), or the service's ``Retry-After`` when it gives one.
    """

    func: Callable[[str], T]
    min_interval: float = 1.0
    max_retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 60.0
    clock: Clock | None = None

    def __post_init__(self) -> None:
        self._clock: Clock = self.clock or SystemClock()
        self._lock = threading.Lock()
        self._last: float | None = None
        self.calls = 0

    def _wait_for_slot(self) -> None:
        with self._lock:
            now = self._clock.monotonic()
            if self._last is not None:
                wait = self.min_interval - (now - self._last)
                if wait > 0:
                    self._clock.sleep(wait)
                    now = self._clock.monotonic()
            self._last = now

    def __call__(self, query: str) -> T:
        attempt = 0
        while True:
            self._wait_for_slot()
            self.calls += 1
            try:
                return self.func(query)
            except RETRYABLE as error:
                if attempt >= self.max_retries:
                    log.warning("%s for %r: giving up after %d retries", type(error).__name__,
                                query, attempt)  # fmt: skip
                    raise
                retry_after = getattr(error, "retry_after", None)
                delay = (
                    float(retry_after)
                    if retry_after
                    else min(self.backoff * 2**attempt, self.max_backoff)
                )
                log.info("%s for %r: retry %d of %d in %.1f s", type(error).__name__, query,
                         attempt + 1, self.max_retries, delay)  # fmt: skip
                self._clock.sleep(delay)
                attempt += 1
