"""Incidents on a Dask LocalCluster (two workers on 127.0.0.1): the table written next to the
events folder equals the single-process ``ingest(..., incidents=True)``'s."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.corpus import ingest
from explorer.incidents.table import IncidentTable
from explorer.scale import dask_ingest
from explorer.scale.incidents import dataset_incidents_path

SHOOTING = (
    "Police said a man was shot on Versailles Avenue in McKeesport, Pennsylvania, on "
    "Saturday. Julian Sims, 20, was arrested. "
)
ARTICLES = {
    "a1.md": "---\ntitle: Man shot in McKeesport\npublished: 2016-03-07\nsource: Wire A\n---\n"
    + SHOOTING,
    "a2.md": "---\ntitle: McKeesport shooting suspect held\npublished: 2016-03-08\n"
    "id: a2\nsource: Wire B\n---\n" + SHOOTING + "He is held without bail.",
    "copy/a1.md": "---\ntitle: Man shot in McKeesport\npublished: 2016-03-07\nsource: Wire A\n"
    "---\n" + SHOOTING,  # the same article again: left out once
    "sub/a2.md": "---\nid: a2\ntitle: Floods in Dhaka\npublished: 2020-07-01\n---\n"
    "Floods hit Dhaka on Tuesday, officials said.",  # another article with id a2: renamed
    "a3.txt": "Raqqa strikes\n\nCoalition aircraft struck targets near Raqqa, Syria, on March "
    "3, 2017.",
    "a4.md": "---\ntitle: Nothing\npublished: 2015-05-05\n---\nIt rained on Tuesday.",
    "broken.md": "",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():
    from explorer.scale import connect

    with connect(workers=2) as c:
        yield c


@pytest.mark.parametrize("batch_size", [1, 3])
def test_dask_incidents_equal_single_process(
    corpus: Path, client, tmp_path: Path, batch_size: int
) -> None:
    single = ingest([corpus], incidents=True)
    assert single.incidents is not None and len(single.incidents) >= 3
    out = tmp_path / "events.parquet"
    result = dask_ingest([corpus], out, client=client, batch_size=batch_size, incidents=True)
    assert (
        result.incidents_file
        == dataset_incidents_path(out)
        == tmp_path / "events.incidents.parquet"
    )
    back = IncidentTable.read(result.incidents_file)
    assert result.incidents == len(back) == len(single.incidents)
    assert back.equals(single.incidents)
    ids = {a for row in back.df["article_ids"] for a in row}
    assert {"a2", "a2-2"} <= ids  # the renamed article's reports follow its new id
    assert {s.path for s in result.skipped} == {s.path for s in single.failed} | {
        s.path for s in single.report.skipped
    }


def test_no_incidents_file_unless_asked(corpus: Path, client, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = dask_ingest([corpus], out, client=client)
    assert result.incidents is None and result.incidents_file is None
    assert not dataset_incidents_path(out).exists()


def test_cli_dask_writes_the_incidents_beside_the_folder(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events"
    assert main(["ingest", str(corpus), "--dask", "--jobs", "1", "--out", str(out)]) == 0
    where = tmp_path / "events.incidents.parquet"
    assert f"wrote {where}" in capsys.readouterr().err
    single = ingest([corpus], incidents=True).incidents
    assert single is not None and IncidentTable.read(where).equals(single)


def test_cli_dask_outputs_inside_the_input_folder_are_not_read(
    corpus: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in corpus.rglob("*"):
        if f.is_file():
            (inputs / f.relative_to(corpus)).parent.mkdir(parents=True, exist_ok=True)
            (inputs / f.relative_to(corpus)).write_bytes(f.read_bytes())
    out = inputs / "events"
    for _ in range(2):
        assert main(["ingest", str(inputs), "--dask", "--jobs", "1", "--out", str(out)]) == 0
    single = ingest([corpus], incidents=True).incidents
    assert single is not None
    assert IncidentTable.read(inputs / "events.incidents.parquet").equals(single)
