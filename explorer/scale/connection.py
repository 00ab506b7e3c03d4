"""Reaching a Dask scheduler and its workers: bounded in time, one line when it fails.

``distributed.Client(address, timeout=...)`` bounds only the TCP connect: a service that
accepts the connection but does not speak Dask (an HTTP server) leaves it waiting for ever for
the handshake, and one that sends a greeting line makes it read the greeting as a frame length
(a numpy ``_ArrayMemoryError`` for exabytes). A scheduler with no workers, or whose workers
died, leaves a run at 0 % for ever. So, before a ``Client`` is made, :func:`probe` asks the
address who it is (the scheduler's ``identity``) within the timeout, and :class:`WorkerWatch`
ends a run that has had no workers for that long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from explorer.errors import ClusterError

__all__ = ["WorkerWatch", "connect", "probe", "require_workers"]


def _listening(address: str, timeout: float) -> bool:
    """Whether something accepts TCP connections at ``address`` (tcp://host:port)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, loc = parse_address(address)
        if scheme not in ("tcp", "tls"):
            return True  # not a TCP address: let distributed tell
        host, port = parse_host_port(loc)
        with socket.create_connection((host, port), timeout=max(timeout, 0.01)):
            return True
    except (OSError, ValueError, TypeError):
        return False


async def _identity(address: str, timeout: float) -> Any:
    from distributed.comm import connect as comm_connect

    comm = await comm_connect(address, timeout=timeout)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await comm.read()
    finally:
        comm.abort()


def _ask(address: str, timeout: float) -> Any:
    """The identity the peer gives, or the exception met; in a thread of its own (a caller
    in a Jupyter kernel already runs an event loop), never longer than ``timeout``."""
    answer: list[Any] = [TimeoutError()]

    def run() -> None:
        try:
            answer[0] = asyncio.run(asyncio.wait_for(_identity(address, timeout), timeout))
        except BaseException as exc:
            answer[0] = exc

    thread = threading.Thread(target=run, daemon=True, name="explorer-dask-probe")
    thread.start()
    thread.join(timeout + 1.0)  # wait_for ends it first; this only guards against a stuck loop
    return answer[0]


def _why(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, MemoryError):  # a greeting read as the length of a message
        return "what it sent is not the Dask protocol (a message of an impossible size)"
    if isinstance(exc, TimeoutError):
        return f"it accepted the connection but gave no Dask handshake within {timeout:g} s"
    text = " ".join(str(exc).split())[:120]
    name = type(exc).__name__
    return f"what it sent is not the Dask protocol ({name}{': ' + text if text else ''})"


def probe(address: str, timeout: float) -> None:
    """Return if a Dask scheduler answers at ``address`` within ``timeout`` seconds, else raise
    a one-line ClusterError: nothing there, or something else than a Dask scheduler."""
    deadline = time.monotonic() + timeout
    listening = _listening(address, timeout)
    left = max(deadline - time.monotonic(), 0.1)
    answer = _ask(address, left)
    if isinstance(answer, KeyboardInterrupt):
        raise answer
    if isinstance(answer, BaseException) and not listening:
        detail = str(answer)
        if not detail or isinstance(answer, TimeoutError) or detail.startswith("Timed out"):
            detail = f"nothing accepted the connection within {timeout:g} s"
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {detail}") from answer
    if isinstance(answer, BaseException):
        raise ClusterError(
            f"{address} is not a Dask scheduler: {_why(answer, timeout)}"
        ) from answer
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind != "Scheduler":
        what = f"a Dask {kind}" if isinstance(kind, str) else "something else"
        raise ClusterError(f"{address} is not a Dask scheduler: it is {what}")


def require_workers(client: Any, where: str, timeout: float) -> int:
    """The number of workers, once there is at least one; a ClusterError after ``timeout``."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterError(
            f"the Dask scheduler at {where} has no workers (waited {timeout:g} s)"
        ) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise ClusterError(f"the Dask scheduler at {where} does not answer: {exc}") from exc
    return max(1, len(client.scheduler_info().get("workers", {})))


class WorkerWatch:
    """Called while a run waits for results: raises once the scheduler has had no workers for
    ``timeout`` seconds (they died, or were all retired)."""

    def __init__(self, client: Any, where: str, timeout: float) -> None:
        self.client, self.where, self.timeout = client, where, timeout
        self.since: float | None = None

    def check(self) -> None:
        try:
            workers = len(self.client.scheduler_info().get("workers", {}))
        except (OSError, TimeoutError, RuntimeError) as exc:
            raise ClusterError(f"the Dask scheduler at {self.where} is gone: {exc}") from exc
        now = time.monotonic()
        if workers:
            self.since = None
        elif self.since is None:
            self.since = now
        elif now - self.since >= self.timeout:
            raise ClusterError(
                f"the Dask scheduler at {self.where} has no workers any more (they died or "
                f"left; waited {self.timeout:g} s)"
            )


@contextlib.contextmanager
def connect(
    address: str | None = None, *, workers: int | None = None, timeout: float = 10.0
) -> Iterator[Any]:
    """A ``distributed.Client``: to ``address``, or to a new LocalCluster of ``workers``
    single-threaded processes on 127.0.0.1 (no dashboard). Errors become ClusterError."""
    if address:
        probe(address, timeout)
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if address:
            client = Client(address, timeout=timeout)
        else:
            n = workers or os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                # no dashboard (it needs bokeh); ":0" keeps the scheduler's small HTTP server
                # (health, metrics) off the default port 8787, which may be taken
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=timeout)
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
        where = address or "a LocalCluster"
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
