"""Runs of `explorer ingest` at once, interrupted, or killed: the cache and the worker processes.

Each run is a real process. Where a run must be caught mid-way, it is started through a small
wrapper that makes one article wait on a named pipe (a "gate") until the test opens it for
writing: the test knows when the run has reached that article without timing anything.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.errors import ExplorerError
from explorer.events.cache import BATCH, IngestCache
from explorer.files import cache_dir
from explorer.gazetteer.store import build_index

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")

DEADLINE = 60.0  # seconds: a bound on waits that normally take well under a second

# `python -c GATED ARGS...`: the CLI, with the article titled $GATE_TITLE waiting on $GATE
GATED = """
import os, sys
from explorer.events import pipeline
from explorer.cli import main
real = pipeline.article_result
def gated(article, corrections=None):
    if article.title == os.environ["GATE_TITLE"]:
        with open(os.environ["GATE"], "rb") as gate:
            gate.read()
    return real(article, corrections)
pipeline.article_result = gated  # forked pool workers inherit it
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment whose Explorer cache is a new folder (with the gazetteer linked in)."""
    build_index()
    cache = tmp_path / "cache"
    cache.mkdir()
    for item in cache_dir().iterdir():
        if item.is_file() and not item.name.startswith("ingest-cache"):
            (cache / item.name).symlink_to(item)
    return {**os.environ, "EXPLORER_CACHE_DIR": str(cache)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(120):
        (folder / f"a{i:04d}.md").write_text(
            f"---\ntitle: Report {i}\npublished: 2016-0{1 + i % 9}-1{i % 9}\n---\n"
            f"Troops flew from Kuwait to Baghdad on Tuesday. Aid reached Mosul last week {i}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def gate(tmp_path: Path) -> Path:
    path = tmp_path / "gate"
    os.mkfifo(path)
    return path


def _explorer(*args: str) -> list[str]:
    return [sys.executable, "-m", "explorer.cli", *args]


def _gated(env: dict[str, str], gate: Path, title: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", GATED, *args],
        env={**env, "GATE": str(gate), "GATE_TITLE": title},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_at(gate: Path, run: subprocess.Popen[bytes]) -> int:
    """Wait until ``run`` (or one of its workers) has opened the gate; a write end to it."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            return os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: nobody reads it yet
            if exc.errno != errno.ENXIO:
                raise
        assert run.poll() is None, run.communicate()[1].decode()
        assert time.monotonic() < deadline, "the run never reached the gated article"
        time.sleep(0.02)


def _rows(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


@pytest.fixture
def runs() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts: killed if the test fails half-way."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for run in started:
        if run.poll() is None:
            run.kill()
        run.wait()


def test_two_runs_at_once_both_succeed_with_the_same_table(
    env: dict[str, str], corpus: Path, gate: Path, tmp_path: Path, runs: list
) -> None:
    # the first run stops at article 30 (the cache once held its write lock here until the end)
    first = _gated(env, gate, "Report 30", "ingest", str(corpus), "--out",
                   str(tmp_path / "one.csv"), "--quiet")  # fmt: skip
    runs.append(first)
    writer = _wait_at(gate, first)
    second = subprocess.run(
        _explorer("ingest", str(corpus), "--out", str(tmp_path / "two.csv"), "--quiet"),
        env=env, capture_output=True, text=True, timeout=DEADLINE,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert "120 processed" in second.stderr and "Traceback" not in second.stderr
    os.close(writer)  # let the first run go on
    _, err = first.communicate(timeout=DEADLINE)
    assert first.returncode == 0, err.decode()
    one, two = (tmp_path / "one.csv").read_bytes(), (tmp_path / "two.csv").read_bytes()
    assert one == two and one.count(b"\n") > 120
    third = subprocess.run(
        _explorer("ingest", str(corpus), "--out", str(tmp_path / "three.csv"), "--quiet"),
        env=env, capture_output=True, text=True, timeout=DEADLINE,
    )  # fmt: skip
    assert "(0 processed, 120 unchanged)" in third.stderr, third.stderr
    assert (tmp_path / "three.csv").read_bytes() == one


def test_a_killed_run_keeps_what_it_committed(
    env: dict[str, str], corpus: Path, gate: Path, tmp_path: Path, runs: list
) -> None:
    run = _gated(env, gate, "Report 70", "ingest", str(corpus), "--out",
                 str(tmp_path / "killed.csv"), "--quiet")  # fmt: skip
    runs.append(run)
    writer = _wait_at(gate, run)  # 70 articles done (in order): at least one batch committed
    run.kill()
    run.wait()
    os.close(writer)
    db = Path(env["EXPLORER_CACHE_DIR"]) / "ingest-cache.sqlite"
    kept = _rows(db)
    assert BATCH <= kept <= 70
    again = subprocess.run(
        _explorer("ingest", str(corpus), "--out", str(tmp_path / "again.csv"), "--quiet"),
        env=env, capture_output=True, text=True, timeout=DEADLINE,
    )  # fmt: skip
    assert f"({120 - kept} processed, {kept} unchanged)" in again.stderr, again.stderr
    fresh = subprocess.run(
        _explorer("ingest", str(corpus), "--out", str(tmp_path / "fresh.csv"), "--quiet",
                  "--no-cache"),
        env=env, capture_output=True, text=True, timeout=DEADLINE,
    )  # fmt: skip
    assert fresh.returncode == 0, fresh.stderr
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "fresh.csv").read_bytes()


def _children(pid: int) -> set[int]:
    """Living processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) == pid and state != "Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killing_a_parallel_run_ends_its_workers(
    env: dict[str, str], corpus: Path, gate: Path, tmp_path: Path, runs: list
) -> None:
    run = _gated(env, gate, "Report 3", "ingest", str(corpus), "--out",
                 str(tmp_path / "out.csv"), "--quiet", "--jobs", "2", "--no-cache")  # fmt: skip
    runs.append(run)
    writer = _wait_at(gate, run)  # a worker waits at the gate: the pool is running
    workers = _children(run.pid)
    assert len(workers) >= 2
    try:
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + DEADLINE
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [p for p in workers if _alive(p)], "pool workers outlived their parent"
    finally:
        os.close(writer)
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_broken_cache_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "ingest-cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ExplorerError, match="ingest cache") as info:
        IngestCache(path)
    assert "\n" not in str(info.value) and "--no-cache" in str(info.value)


@pytest.mark.parametrize("puts", [0, 1, BATCH - 1, BATCH, 2 * BATCH + 3])
def test_entries_are_committed_in_batches(tmp_path: Path, puts: int) -> None:
    path = tmp_path / "cache.sqlite"
    cache = IngestCache(path, seconds=3600.0)
    for i in range(puts):
        cache.put(f"fp{i}", [{"event_id": str(i)}], [])
    assert _rows(path) == puts - puts % BATCH  # what another process sees already
    cache.close()
    cache.close()  # twice is harmless
    assert _rows(path) == puts
    again = IngestCache(path)
    assert again.get_many(["fp0", "nope"]) == ({"fp0": ([{"event_id": "0"}], [])} if puts else {})
    again.close()
