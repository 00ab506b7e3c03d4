"""`ingest --dask` against what is not a working Dask cluster: one line, within the timeout.

Every peer is on 127.0.0.1 and started by the test: an HTTP server, a server that sends a
greeting line and then waits, a port where nothing listens, and Dask schedulers with no
workers or whose workers leave mid-run. Each case used to hang for ever or print a traceback.
"""

from __future__ import annotations

import http.server
import logging
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from explorer.cli import main
from explorer.errors import ClusterError
from explorer.scale import dask_ingest

TIMEOUT = 2.0  # --dask-timeout of these tests (seconds)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(24):
        (folder / f"a{i:02d}.md").write_text(
            f"---\ntitle: Report {i}\npublished: 2016-03-0{1 + i % 9}\n---\n"
            f"Aid reached Mosul on Tuesday {i}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def http_server() -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def greeting_server() -> Iterator[str]:
    """Says hello on each connection (as SMTP, FTP or SSH servers do), then waits."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            conn.sendall(b"220 mail.example ESMTP ready\r\n")
            held.append(conn)

    threading.Thread(target=serve, daemon=True).start()
    yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()
    for conn in held:
        conn.close()


@pytest.fixture
def nothing_there() -> str:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"  # closed again: nothing listens there


def _cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers, processes=False, threads_per_worker=1, protocol="tcp://",
        host="127.0.0.1", dashboard_address=":0", silence_logs=logging.ERROR,
    )  # fmt: skip


@pytest.fixture(scope="module")
def no_workers() -> Iterator[str]:
    cluster = _cluster(0)
    yield cluster.scheduler_address
    cluster.close()


PEERS = {
    "http": ("http_server", "is not a Dask scheduler: it accepted the connection but gave no "
             "Dask handshake within 2 s"),
    "greeting": ("greeting_server", "is not a Dask scheduler: what it sent is not the Dask "
                 "protocol"),
    "nothing": ("nothing_there", "cannot reach the Dask scheduler at"),
    "no workers": ("no_workers", "has no workers (waited 2 s)"),
}  # fmt: skip


@pytest.mark.parametrize("peer", PEERS)
def test_a_bad_scheduler_is_one_error(
    peer: str, corpus: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fixture, message = PEERS[peer]
    address = request.getfixturevalue(fixture)
    out = tmp_path / "events.parquet"
    with pytest.raises(ClusterError) as info:
        dask_ingest([corpus], out, address=address, timeout=TIMEOUT)
    assert message in str(info.value) and address in str(info.value)
    assert "\n" not in str(info.value)
    assert not out.exists()


@pytest.mark.parametrize("peer", PEERS)
def test_the_cli_prints_one_line(
    peer: str,
    corpus: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fixture, message = PEERS[peer]
    address = request.getfixturevalue(fixture)
    argv = ["ingest", "--dask", address, str(corpus), "--out", str(tmp_path / "out"),
            "--dask-timeout", str(TIMEOUT), "--quiet"]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("explorer: error: ") and message in err


@pytest.mark.parametrize("fixture", ["http_server", "greeting_server"])
def test_a_separate_process_prints_one_line_and_exits(
    fixture: str, corpus: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """No log lines, no traceback from a thread, no hang at exit."""
    address = request.getfixturevalue(fixture)
    done = subprocess.run(
        [sys.executable, "-m", "explorer.cli", "ingest", "--dask", address, str(corpus),
         "--out", str(tmp_path / "out"), "--dask-timeout", str(TIMEOUT), "--quiet"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "is not a Dask scheduler" in done.stderr, done.stderr


def test_a_dask_worker_is_not_a_scheduler(corpus: Path, tmp_path: Path) -> None:
    cluster = _cluster(1)
    try:
        (worker,) = cluster.scheduler_info["workers"]
        with pytest.raises(ClusterError, match="is not a Dask scheduler: it is a Dask Worker"):
            dask_ingest([corpus], tmp_path / "out", address=worker, timeout=TIMEOUT)
    finally:
        cluster.close()


def test_workers_that_all_leave_mid_run_end_it(corpus: Path, tmp_path: Path) -> None:
    from distributed import Client

    cluster = _cluster(1)
    client = Client(cluster)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done and len(seen) == 2:  # the first batch is back: all workers go
            cluster.scale(0)

    out = tmp_path / "events.parquet"
    try:
        with pytest.raises(ClusterError, match=r"has no workers any more .*waited 2 s"):
            dask_ingest([corpus], out, client=client, batch_size=1, timeout=TIMEOUT,
                        progress=progress)  # fmt: skip
    finally:
        client.close()
        cluster.close()
    assert 0 < seen[-1] < 24 and not out.exists()
