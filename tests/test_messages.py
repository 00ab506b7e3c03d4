"""Notes and progress for people: ordinary output in a notebook (not a pink error box), standard
error elsewhere; a notebook progress bar for ingest; no stray bar line when piped."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from explorer import messages
from explorer.cli import main
from explorer.events import ingest
from explorer.ingest import load

ARTICLE = "---\ntitle: Floods\npublished: 2022-08-30\n---\nRain fell in Karachi on Monday.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.md").write_text(ARTICLE.replace("Floods", f"Floods {i}"))
    return folder


@pytest.mark.parametrize("kernel", [True, False])
def test_load_notes_go_to_stdout_in_a_notebook_and_stderr_elsewhere(
    corpus: Path, kernel: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(messages, "in_a_kernel", lambda: kernel)
    load(corpus)
    out, err = capsys.readouterr()
    assert ("loaded 3 article(s)" in out) is kernel
    assert ("loaded 3 article(s)" in err) is not kernel


class Recorder:
    made: ClassVar[list[Recorder]] = []

    def __init__(self, desc: str, unit: str) -> None:
        self.calls: list[tuple[int, int]] = []
        self.closed = False
        Recorder.made.append(self)

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize(("kernel", "progress", "bar"), [
    (True, None, True), (False, None, False), (True, False, False), (False, True, True)])  # fmt: skip
def test_ingest_draws_a_bar_in_a_notebook(
    corpus: Path, kernel: bool, progress: bool | None, bar: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "in_a_kernel", lambda: kernel)
    monkeypatch.setattr(messages, "_Bar", Recorder)
    Recorder.made.clear()
    ingest([corpus], progress=progress)
    assert bool(Recorder.made) is bar
    if bar:
        (made,) = Recorder.made
        assert made.calls[-1] == (3, 3) and made.closed


def test_a_piped_ingest_prints_no_bar_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(corpus), "--out", str(tmp_path / "e.csv"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "ingest:" not in err and "0article" not in err and "wrote" in err
