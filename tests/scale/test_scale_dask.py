"""Ingest on a Dask LocalCluster (two workers on 127.0.0.1) equals the single-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from explorer.cli import main
from explorer.errors import ClusterError
from explorer.events import ingest
from explorer.scale import dask_ingest, open_events, read_events

ARTICLES = {
    "a1.md": (
        "---\ntitle: Mosul offensive\npublished: 2016-10-18\nsource: Wire A\n---\n"
        "Iraqi forces advanced on Mosul on Monday. Officials in Baghdad said the push would "
        "take weeks.\n\nAid groups in Erbil prepared camps last week."
    ),
    "a2.md": (
        "---\ntitle: Talks in Geneva\npublished: 2016-02-01\nsource: Wire B\n---\n"
        "Diplomats met in Geneva on Friday to discuss Syria. A delegation flew from Damascus "
        "to Geneva."
    ),
    "sub/a3.txt": (
        "Raqqa strikes\n\nCoalition aircraft struck targets near Raqqa, Syria, on March 3, "
        "2017. Residents fled toward Kobani."
    ),
    "a4.md": ("---\ntitle: Nothing placed\npublished: 2015-05-05\n---\nIt rained on Tuesday."),
    "broken.md": "",
}
EVENTS_CSV = (
    "date,place,country_code,description,category,source\n"
    "2016-10-17,Mosul,IQ,The offensive began,military,Teacher notes\n"
    "2017-07-10,Mosul,IQ,Mosul was retaken,military,Teacher notes\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "given.csv").write_text(EVENTS_CSV, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from explorer.scale import connect

    with connect(workers=2) as c:
        yield c


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("event_id").reset_index(drop=True)


def test_local_cluster_equals_single_process(corpus: Path, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    single = ingest([corpus])
    out = tmp_path / "events.parquet"
    result = dask_ingest([corpus], out, client=client, batch_size=2)
    assert result.workers == 2
    assert len(result.parts) >= 1 and all(p.exists() for p in result.parts)
    back = read_events(out)
    assert len(back) == len(single.table) > 10
    pd.testing.assert_frame_equal(_sorted(back.df), _sorted(single.table.df))
    assert back.equals(single.table)  # batches written in input order: the same row order
    assert result.events == len(single.table)
    assert result.articles == len(single.report.articles)
    assert {s.path for s in result.skipped} == {s.path for s in single.report.skipped}
    assert f"{len(single.table)} events" in result.summary()
    assert len(open_events(out)) == len(single.table)


def test_articles_travel_when_workers_cannot_see_the_files(
    corpus: Path,
    client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import explorer.scale.cluster as module

    monkeypatch.setattr(module, "_shared", lambda _client, _files: False)
    out = tmp_path / "events"
    dask_ingest([corpus], out, client=client, batch_size=3)
    pd.testing.assert_frame_equal(_sorted(read_events(out).df), _sorted(ingest([corpus]).table.df))


def test_rerun_replaces_the_dataset_and_refuses_foreign_folders(
    corpus: Path, client, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "events"
    first = dask_ingest([corpus / "a1.md"], out, client=client)
    second = dask_ingest([corpus / "a2.md"], out, client=client)
    ids = set(read_events(out).df["article_id"])
    assert ids == set(ingest([corpus / "a2.md"]).table.df["article_id"]) and len(ids) == 1
    assert second.events == len(read_events(out)) and first.out == second.out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    from explorer.errors import TableError

    with pytest.raises(TableError, match="not Parquet"):
        dask_ingest([corpus / "a1.md"], foreign, client=client)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_unreachable_scheduler_is_a_readable_error(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        dask_ingest([corpus], tmp_path / "x", address="tcp://127.0.0.1:9", timeout=1.0)


def test_cli_dask_unreachable_scheduler(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ingest", str(corpus), "--out", str(tmp_path / "x"), "--dask", "tcp://127.0.0.1:9",
                 "--dask-timeout", "1", "--quiet"])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "explorer: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err


def test_cli_dask_local_cluster(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events"
    assert main(["ingest", str(corpus), "--dask", "--jobs", "2", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 Dask worker(s)" in err and f"wrote {out}" in err
    assert len(read_events(out)) == len(ingest([corpus]).table)
    # and the other commands read the folder through DuckDB
    brief = tmp_path / "b.html"
    assert main(["brief", str(out), "--out", str(brief), "--title", "Scale <test>"]) == 0
    assert "Scale &lt;test&gt;" in brief.read_text(encoding="utf-8")
    geo = tmp_path / "e.geojson"
    assert main(["export", str(out), "--out", str(geo)]) == 0
    assert len(json.loads(geo.read_text())["features"]) == len(read_events(out))


def test_relative_paths_and_an_empty_corpus(
    corpus: Path,
    client,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(corpus.parent)  # the workers' working directory is not the client's
    result = dask_ingest([corpus.name], tmp_path / "rel", client=client)
    single = ingest([corpus.name])
    assert {s.path for s in result.skipped} == {s.path for s in single.report.skipped}
    assert all(not s.path.startswith("/") for s in result.skipped)
    assert read_events(tmp_path / "rel").equals(single.table)
    empty = tmp_path / "nothing"
    empty.mkdir()
    none = dask_ingest([empty], tmp_path / "none", client=client)
    assert none.events == 0 and len(open_events(tmp_path / "none")) == 0


# --- what needs the whole corpus: copies, clashing ids, corrections, events tables -------------

PAGE = (
    "<html><head><title>Convoy reaches Mosul</title></head><body><article><h1>Convoy reaches "
    "Mosul</h1><p>An aid convoy reached Mosul on Sunday \x96 officials said it came from Erbil."
    "</p><p>A second paragraph gives the extractor enough text to treat the page as an article"
    " with a body.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def tangled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus with everything the workers cannot decide alone, and corrections for it."""
    folder = tmp_path_factory.mktemp("tangled")
    files = {
        "a.md": ARTICLES["a1.md"],
        "x/one.csv": "id,title,text,published\n1,Floods,Floods hit Mosul on Monday.,2016-03-01\n",
        # another article with id 1 (renamed 1-2), and a copy of a.md under another name
        "y/two.csv": "id,title,text,published\n1,Talks,Talks opened in Geneva on Friday.,2016-02-05\n",
        "z/copy.md": ARTICLES["a1.md"],
        "given.csv": EVENTS_CSV + "2017-13-40,Mosul,IQ,Bad date,military,Teacher notes\n",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page.html").write_bytes(PAGE.encode("latin-1"))  # undeclared windows-1252
    # an events table sharing ids with the extracted events: one row the same, one changed
    own = ingest([folder / "a.md"]).table.df.head(2).copy()
    own.loc[1, "sentence"] = "Changed by hand."
    from explorer.events import EventTable

    EventTable(own).write(folder / "w" / "mine.csv")
    from explorer.events import Corrections

    corrections = Corrections(folder.parent / f"{folder.name}-corrections.json")
    geneva = files["y/two.csv"].split("\n")[1].index("Geneva") - len("1,Talks,")
    corrections.set_place("1-2", geneva, "Bern", text="Geneva")  # for the renamed article
    corrections.set_place("1", 0, None, text="Nope")  # no longer fits article 1
    corrections.set_place("ghost", 3, None, text="Paris")  # no such article
    return folder, corrections.path  # type: ignore[return-value]


def test_copies_clashing_ids_corrections_and_events_tables_as_in_one_process(
    tangled: tuple[Path, Path],
    client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from explorer.events import Corrections

    folder, corrections_path = tangled
    out = folder / "out"  # inside the corpus: not read back
    single = ingest([folder], corrections=Corrections(corrections_path), exclude=[out])
    result = dask_ingest([folder], out, client=client, batch_size=1,
                         corrections=Corrections(corrections_path), exclude=[out])  # fmt: skip
    back = read_events(out)
    assert back.equals(single.table)
    ids = set(back.df["article_id"])
    assert "1" in ids and "1-2" in ids
    (moved,) = back.df[back.df["article_id"] == "1-2"]["place_name"]
    assert moved == "Bern"  # the correction of article 1-2 applied to it, not to article 1
    assert result.articles == len(single.report.articles)
    assert result.events == len(single.table)
    pairs = lambda items: sorted((i.path, i.reason) for i in items)  # noqa: E731
    assert pairs(result.skipped) == pairs([*single.report.skipped, *single.failed])
    assert pairs(result.notices) == pairs(single.notices)
    reasons = " | ".join(n.reason for n in result.notices)
    for expected in ("processed once", "this one is '1-2'", "no longer matches", "'ghost'",
                     "left out", "renamed with a suffix", "read as windows-1252"):  # fmt: skip
        assert expected in reasons
    assert any("given.csv" in n.path for n in result.notices), result.notices


def test_a_link_back_to_a_walked_folder_is_noted_as_in_one_process(
    corpus: Path,
    client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    import shutil

    looped = tmp_path / "looped"
    shutil.copytree(corpus, looped)
    (looped / "again").symlink_to(looped, target_is_directory=True)
    single = ingest([looped])
    result = dask_ingest([looped], tmp_path / "events.parquet", client=client, batch_size=2)
    expected = [n.reason for n in single.report.notices if "again" in n.path]
    assert expected and expected == [n.reason for n in result.notices if "again" in n.path]
