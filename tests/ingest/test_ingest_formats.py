"""Every input format, folders and globs, and bad files reported (never dropped silently)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import explorer
from explorer.ingest import load, load_report

HTML_PAGE = """<html><head><title>Troops arrive in Irbil - The Daily Test</title>
<meta property="article:published_time" content="2015-12-03T10:00:00Z">
<meta property="og:site_name" content="The Daily Test">
<link rel="canonical" href="https://example.org/a/1"></head>
<body><nav>Home | World | Sport</nav><article><h1>Troops arrive in Irbil</h1>
<p>Special forces arrived in Irbil on Tuesday, officials said. They came from Fort Bragg.</p>
<p>The deployment had been approved last week. A second paragraph makes the page long enough
for the extractor to treat it as the main text of an article.</p>
</article><footer>Copyright The Daily Test</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Dam retaken</title><link>https://example.org/1</link>
<pubDate>Tue, 01 Dec 2015 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Forces retook the dam near Mosul.&lt;/p&gt;</description></item>
<item><title>Talks in Vienna</title><link>https://example.org/2</link>
<pubDate>Wed, 02 Dec 2015 09:00:00 GMT</pubDate><description>Ministers met.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Test</title><id>urn:x</id><updated>2016-01-01T00:00:00Z</updated>
<entry><title>Ramadi</title><id>urn:1</id><updated>2015-12-28T00:00:00Z</updated>
<link href="https://example.org/r"/>
<content type="html">&lt;p&gt;Iraqi forces entered Ramadi.&lt;/p&gt;</content>
</entry></feed>"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_html_page(tmp_path: Path) -> None:
    (article,) = load(write(tmp_path, "page.html", HTML_PAGE), quiet=True)
    assert article.title == "Troops arrive in Irbil"
    assert article.published == dt.date(2015, 12, 3)
    assert article.source == "The Daily Test"
    assert article.url == "https://example.org/a/1"
    assert "Fort Bragg" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_html_page_without_a_date_gets_none(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta property="article:published_time" '
                             'content="2015-12-03T10:00:00Z">', "")  # fmt: skip
    (article,) = load(write(tmp_path, "page.html", page), quiet=True)
    assert article.published is None


@pytest.mark.parametrize(("name", "feed", "count", "first_date"), [
    ("wire.rss", RSS, 2, dt.date(2015, 12, 1)),
    ("wire.xml", RSS, 2, dt.date(2015, 12, 1)),
    ("site.atom", ATOM, 1, dt.date(2015, 12, 28)),
])  # fmt: skip
def test_feeds(tmp_path: Path, name: str, feed: str, count: int, first_date: dt.date) -> None:
    articles = load(write(tmp_path, name, feed), quiet=True)
    assert len(articles) == count
    assert articles[0].published == first_date
    assert "<p>" not in articles[0].text and articles[0].text
    assert articles[0].url and articles[0].source


ROWS = [
    {"id": "a1", "title": "One", "text": "Fighting in Mosul.", "published": "2016-10-17"},
    {"title": "Two", "text": "Talks in Geneva.", "date": "2016-01-29", "source": "Wire"},
]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "json-wrapped"])
def test_tables_of_articles(tmp_path: Path, fmt: str) -> None:
    if fmt == "csv":
        header = "id,title,text,published,date,source\n"
        body = 'a1,One,Fighting in Mosul.,2016-10-17,,\n,Two,"Talks in Geneva.",,2016-01-29,Wire\n'
        path = write(tmp_path, "a.csv", header + body)
    elif fmt == "json":
        path = write(tmp_path, "a.json", json.dumps(ROWS))
    elif fmt == "json-wrapped":
        path = write(tmp_path, "a.json", json.dumps({"articles": ROWS}))
    else:
        path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in ROWS))
    articles = load(path, quiet=True)
    assert [a.title for a in articles] == ["One", "Two"]
    assert articles[0].id == "a1"
    assert articles[1].published == dt.date(2016, 1, 29)
    assert articles[1].source == "Wire"


def test_bad_rows_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    rows = [*ROWS, {"title": "no text"}, {"text": "x", "published": "soon"}]
    report = load_report(write(tmp_path, "a.json", json.dumps(rows)))
    assert len(report.articles) == 3  # a bad date does not lose the article
    assert [s.reason for s in report.skipped] == ["no 'text'"]
    assert report.skipped[0].path.endswith("a.json#3")
    (note,) = report.notices
    assert note.path.endswith("a.json#4") and "'soon'" in note.reason
    assert report.articles[2].published is None
    assert report.articles[2].metadata["published_text"] == "soon"


def test_events_tables_are_recognised_not_read_as_articles(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "date,place,description\n2015-12-01,Irbil,Troops\n")
    report = load_report(path)
    assert report.articles == [] and report.skipped == []
    assert report.event_files == [path]


def test_folders_globs_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "corpus/a.txt", "Title A\nBody in Mosul.")
    write(tmp_path, "corpus/sub/b.md", "---\ntitle: B\n---\nBody.")
    write(tmp_path, "corpus/sub/c.html", HTML_PAGE)
    write(tmp_path, "corpus/feed.rss", RSS)
    write(tmp_path, "corpus/empty.txt", "")
    write(tmp_path, "corpus/binary.txt", b"\x00\x01\x02\x03")
    write(tmp_path, "corpus/latin1.txt", "Caf\xe9".encode("latin-1"))
    write(tmp_path, "corpus/broken.json", "[{")
    write(tmp_path, "corpus/broken.rss", "<rss><channel><item>")
    write(tmp_path, "corpus/README.md", "# not an article")
    write(tmp_path, "corpus/.hidden/x.txt", "Hidden\nfile")
    write(tmp_path, "corpus/notes.docx", b"PK\x03\x04")
    articles = explorer.load(tmp_path / "corpus")
    err = capsys.readouterr().err
    assert sorted(a.title for a in articles) == sorted(
        ["Title A", "B", "Troops arrive in Irbil", "Dam retaken", "Talks in Vienna"]
    )
    for name, reason in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary"),
        ("latin1.txt", "not UTF-8"),
        ("broken.json", "not JSON"),
        ("broken.rss", "feed"),
    ]:
        assert f"skipped {tmp_path / 'corpus' / name}: " in err, name
        assert reason in err
    assert "notes.docx" not in err  # not a corpus file type: not looked at
    assert "loaded 5 article(s) from 9 file(s), skipped 5" in err

    by_glob = load(str(tmp_path / "corpus" / "s*" / "*.md"), quiet=True)
    assert [a.title for a in by_glob] == ["B"]


def test_missing_paths_are_reported(tmp_path: Path) -> None:
    report = load_report([tmp_path / "nope", str(tmp_path / "*.none")])
    assert [s.reason for s in report.skipped] == [
        "no such file or folder",
        "no file matches this pattern",
    ]


PAGE_1252 = HTML_PAGE.replace("officials said", "officials said \u2013 \u201cquickly\u201d")


@pytest.mark.parametrize(
    ("head", "encoding", "notice"),
    [
        ('<meta charset="windows-1252">', "cp1252", None),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            "cp1252",
            None,
        ),
        ("<meta charset='iso-8859-15'>", "iso-8859-15", None),
        ("", "cp1252", "read as windows-1252"),  # undeclared and not UTF-8: the browsers' guess
        ('<meta charset="utf-8">', "utf-8", None),
    ],
)
def test_html_page_in_its_declared_encoding(
    tmp_path: Path, head: str, encoding: str, notice: str | None
) -> None:
    page = PAGE_1252.replace("<head>", f"<head>{head}")
    if encoding == "iso-8859-15":
        page = page.replace("\u2013 \u201cquickly\u201d", "\u20ac5 ch\u00e8re")
    report = load_report([write(tmp_path, "page.html", page.encode(encoding))])
    (article,) = report.articles
    expected = "\u20ac5 ch\u00e8re" if encoding == "iso-8859-15" else "\u2013 \u201cquickly\u201d"
    assert expected in article.text
    reasons = [n.reason for n in report.notices]
    if notice is None:
        assert reasons == []
    else:
        (reason,) = reasons
        assert notice in reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "bad.html",
            '<meta charset="utf-8">caf\xe9'.encode("latin-1"),
            "declares UTF-8 but is not",
        ),
        (
            "odd.html",
            b'<meta charset="x-klingon"><p>Text',
            "unknown character encoding 'x-klingon'",
        ),
        ("latin.txt", "caf\xe9".encode("latin-1"), "iconv -f windows-1252 -t utf-8"),
        ("feed.rss", RSS.replace("Ministers", "Minist\xe8res").encode("latin-1"), "not UTF-8"),
    ],
)
def test_undecodable_files_are_skipped_with_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    report = load_report([write(tmp_path, name, content)])
    assert not report.articles
    (skipped,) = report.skipped
    assert reason in skipped.reason


def test_feed_in_its_declared_encoding(tmp_path: Path) -> None:
    feed = RSS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>')
    feed = feed.replace("Ministers met.", "Les ministres se sont r\xe9unis.")
    (_, talks) = load_report([write(tmp_path, "wire.rss", feed.encode("latin-1"))]).articles
    assert "r\xe9unis" in talks.text
