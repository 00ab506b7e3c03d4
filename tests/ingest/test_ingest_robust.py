"""Odd inputs in a corpus are reported and skipped (or read, with a notice), and the run goes on:
JSON nested too deeply for Python's parser, symbolic-link loops, dangling links, unreadable
folders, UTF-16 text, feeds cut off in the middle of an item."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from explorer.errors import TableError
from explorer.events import EventTable
from explorer.ingest import load_report
from explorer.ingest.tables import TOO_DEEP, is_events_table, parse_json, table_columns

ARTICLE = "Troops in Mosul\nFighting in Mosul on Tuesday.\n"
DEEP = "[" * 100_000 + "]" * 100_000


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- JSON nested too deeply -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "skipped"),
    [
        ("deep.json", DEEP, ["deep.json"]),
        ("wrapped.json", '{"articles": [{"text": "In Mosul.", "x": ' + DEEP + "}]}", None),
        ("lines.jsonl", '{"text": "Fighting in Mosul."}\n' + DEEP + "\n", ["lines.jsonl#2"]),
        ("first.jsonl", DEEP + '\n{"text": "Fighting in Mosul."}\n', ["first.jsonl#1"]),
        ("item.json", '[{"text": "In Mosul."}, ' + "[" * 300 + "]" * 300 + "]", ["item.json#2"]),
    ],
)
def test_json_nested_too_deeply_is_skipped_and_the_run_goes_on(
    tmp_path: Path, name: str, content: str, skipped: list[str] | None
) -> None:
    write(tmp_path / name, content)
    write(tmp_path / "ok.txt", ARTICLE)
    report = load_report([tmp_path])
    assert report.files == 2
    paths = [Path(s.path).name for s in report.skipped]
    assert paths == (skipped or [name]), report.skipped
    assert any(a.path and a.path.endswith("ok.txt") for a in report.articles)
    if skipped is None or skipped == [name]:
        assert TOO_DEEP in report.skipped[0].reason


def test_parse_json_turns_deep_nesting_into_a_value_error() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_json(DEEP)
    assert parse_json("[[1]]") == [[1]]


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".geojson"])
def test_a_deep_events_table_is_not_taken_for_one(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"t{suffix}", DEEP if suffix != ".geojson" else '{"a": ' + DEEP + "}")
    assert not is_events_table(path)
    assert table_columns(path) == ()


@pytest.mark.parametrize("suffix", [".json", ".geojson"])
def test_event_table_read_of_deep_json_is_a_table_error(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"t{suffix}", DEEP)
    with pytest.raises(TableError, match="nested too deeply"):
        EventTable.read(path)


# --- folders: symbolic-link loops, links to nothing, folders that cannot be read --------------


def _tree(root: Path) -> Path:
    write(root / "c" / "sub" / "a.txt", ARTICLE)
    write(root / "elsewhere" / "b.txt", ARTICLE.replace("Mosul", "Irbil"))
    (root / "c" / "sub" / "up").symlink_to("..")  # a loop back to c
    (root / "c" / "sub" / "again").symlink_to("../sub")  # a loop back to sub itself
    (root / "c" / "linked").symlink_to(root / "elsewhere")  # a folder linked in: read
    (root / "c" / "gone.txt").symlink_to("nowhere.txt")
    (root / "c" / "self.txt").symlink_to("self.txt")
    (root / "c" / "old").symlink_to("missing-folder")
    (root / "c" / "x.docx").symlink_to("nope.docx")  # not a corpus file: not reported
    return root / "c"


@pytest.mark.parametrize("how", ["folder", "recursive glob"])
def test_links_to_nothing_and_loops_are_reported_once_each(tmp_path: Path, how: str) -> None:
    folder = _tree(tmp_path)
    report = load_report([folder] if how == "folder" else [f"{folder}/**/*.txt"])
    assert sorted(Path(a.path or "").name for a in report.articles) == ["a.txt", "b.txt"]
    skipped = {Path(s.path).name: s.reason for s in report.skipped}
    assert skipped == {
        "gone.txt": "a symbolic link to 'nowhere.txt', which does not exist",
        "self.txt": "a loop of symbolic links ('self.txt')",
        "old": "a symbolic link to 'missing-folder', which does not exist",
    }
    notices = {Path(n.path).name: n.reason for n in report.notices}
    assert notices == {
        "up": "a symbolic link back to '..': a loop, not followed",
        "again": "a symbolic link back to '../sub': a loop, not followed",
    }


def test_a_link_named_on_the_command_line_says_where_it_leads(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    report = load_report([tmp_path / "gone.txt", tmp_path / "loop.txt", tmp_path / "*.txt"])
    reasons = [(Path(s.path).name, s.reason) for s in report.skipped]
    assert reasons == [
        ("gone.txt", "a symbolic link to 'nowhere.txt', which does not exist"),
        ("loop.txt", "a loop of symbolic links ('loop.txt')"),
        ("gone.txt", "a symbolic link to 'nowhere.txt', which does not exist"),
        ("loop.txt", "a loop of symbolic links ('loop.txt')"),
    ]


def test_a_folder_that_cannot_be_read_is_reported_and_the_others_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.ingest import walk

    write(tmp_path / "c" / "a.txt", ARTICLE)
    write(tmp_path / "c" / "locked" / "b.txt", ARTICLE)
    real = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    report = load_report([tmp_path / "c"])
    assert [Path(a.path or "").name for a in report.articles] == ["a.txt"]
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("locked", "cannot read this folder: Permission denied")
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_a_folder_without_read_permission_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a.txt", ARTICLE)
    locked = write(tmp_path / "c" / "locked" / "b.txt", ARTICLE).parent
    locked.chmod(0)
    try:
        report = load_report([tmp_path / "c"])
    finally:
        locked.chmod(0o755)
    assert len(report.articles) == 1
    assert [Path(s.path).name for s in report.skipped] == ["locked"]


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        ("**/*.txt", ["a.txt", "b.txt", "d.txt"]),
        ("c/**/*.txt", ["a.txt", "b.txt"]),
        ("c/**", ["a.txt", "b.txt", "e.md"]),
        ("**/s*/*.txt", ["b.txt"]),
        ("**/[ad].txt", ["a.txt", "d.txt"]),
        ("c/**/x?.txt", []),
    ],
)
def test_recursive_globs_match_as_glob_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, found: list[str]
) -> None:
    import glob

    write(tmp_path / "c" / "a.txt", ARTICLE)
    write(tmp_path / "c" / "sub" / "b.txt", ARTICLE.replace("Mosul", "Irbil"))
    write(tmp_path / "c" / "e.md", ARTICLE.replace("Mosul", "Raqqa"))
    write(tmp_path / "d.txt", ARTICLE.replace("Mosul", "Aleppo"))
    write(tmp_path / ".hidden" / "h.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    report = load_report([pattern])
    names = sorted(Path(a.path or "").name for a in report.articles)
    assert names == found
    by_glob = sorted(Path(p).name for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
    assert names == by_glob
    if not found:
        assert [s.reason for s in report.skipped] == ["no file matches this pattern"]


# --- UTF-16 and UTF-32 text ------------------------------------------------------------------

TEXT = "Troops in Mosul\nFighting in Mosul on Tuesday, said the Ministry’s spokesman.\n"


@pytest.mark.parametrize(
    ("name", "raw", "notice"),
    [
        ("le.txt", TEXT.encode("utf-16"), None),  # Python writes the mark, little-endian
        ("be.txt", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), None),
        ("bare-le.txt", TEXT.encode("utf-16-le"), "read as UTF-16-LE"),
        ("bare-be.txt", TEXT.encode("utf-16-be"), "read as UTF-16-BE"),
        ("wide.txt", TEXT.encode("utf-32"), None),
        ("table.csv", ('title,text\nT,"' + TEXT.replace("\n", " ") + '"\n').encode("utf-16"), None),
    ],
)
def test_utf16_text_is_read_not_called_binary(
    tmp_path: Path, name: str, raw: bytes, notice: str | None
) -> None:
    write(tmp_path / name, raw)
    report = load_report([tmp_path / name])
    assert report.skipped == []
    (article,) = report.articles
    assert "Ministry’s spokesman" in article.text
    notes = [n.reason for n in report.notices]
    assert notes == (
        [] if notice is None else [f"no byte-order mark: {notice} (every other byte is zero)"]
    )


def test_a_web_page_in_utf16_is_read(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Troops in Mosul</title></head><body><article><p>Fighting went on "
        "in Mosul on Tuesday, officials said, as families left the city’s western districts "
        "for camps to the south.</p></article></body></html>"
    )
    write(tmp_path / "p.html", page.encode("utf-16"))
    report = load_report([tmp_path / "p.html"])
    assert report.skipped == [] and "families left" in report.articles[0].text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x00\x01\x02\x03binary\x00" * 10, "binary file, not text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "starts with the byte-order mark of UTF-16 but is not"),
        (b"ab\x00" * 9, "binary file, not text"),  # odd length: not UTF-16
    ],
)
def test_binary_stays_binary(tmp_path: Path, raw: bytes, reason: str) -> None:
    write(tmp_path / "b.txt", raw)
    report = load_report([tmp_path / "b.txt"])
    assert report.articles == [] and report.skipped[0].reason.startswith(reason)


# --- feeds cut off ---------------------------------------------------------------------------

FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>\n'
    "<item><title>One</title><description>Troops in Mosul on Monday.</description></item>\n"
    "<item><title>Two</title><description>Fighting in Raqqa on Tuesday, officials said."
    "</description></item></channel></rss>\n"
)


@pytest.mark.parametrize(
    ("cut_at", "texts", "notice"),
    [
        (None, ["Troops in Mosul on Monday.", "Fighting in Raqqa on Tuesday, officials said."], None),
        ("on Tuesday", ["Troops in Mosul on Monday.", "Two"], "its last item, 'Two', was cut and only its title was read"),
        ("</channel>", ["Troops in Mosul on Monday.", "Fighting in Raqqa on Tuesday, officials said."], "its last item, 'Two', may be cut"),
        ("Two</title>", ["Troops in Mosul on Monday."], "its last item was cut before its title or text and is left out"),
    ],
)  # fmt: skip
def test_a_feed_cut_off_says_its_last_item_is_cut(
    tmp_path: Path, cut_at: str | None, texts: list[str], notice: str | None
) -> None:
    content = FEED if cut_at is None else FEED[: FEED.index(cut_at)]
    write(tmp_path / "f.rss", content)
    report = load_report([tmp_path / "f.rss"])
    assert [a.text for a in report.articles] == texts
    notes = [n.reason for n in report.notices]
    if notice is None:
        assert notes == []
    else:
        (note,) = notes
        assert note.startswith("the feed is cut off before its end (") and note.endswith(notice)


def test_a_feed_broken_in_the_middle_is_read_leniently_with_a_notice(tmp_path: Path) -> None:
    write(tmp_path / "f.rss", FEED.replace("on Monday.", "on Monday & Tuesday."))
    report = load_report([tmp_path / "f.rss"])
    assert len(report.articles) == 2
    (note,) = [n.reason for n in report.notices]
    assert note.startswith("not well-formed XML (") and note.endswith("items may be incomplete")
