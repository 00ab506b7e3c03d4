from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explorer.errors import IngestError
from explorer.ingest import load_report, read_text_article

SEED = Path(__file__).parents[2] / "data" / "articles" / "us-special-forces-iraq-syria.md"


def test_seed_article_metadata() -> None:
    article = read_text_article(SEED)
    assert article.title.startswith("US to deploy special forces")
    assert article.published == dt.date(2015, 12, 2)
    assert article.published_inferred is True
    assert "Fort Bragg, North Carolina" in article.text
    assert not article.text.startswith("---")


@pytest.mark.parametrize(
    ("content", "title", "published", "body_start"),
    [
        ("Headline here\n\nBody text.", "Headline here", None, "Body text."),
        ("# Markdown headline\nBody.", "Markdown headline", None, "Body."),
        ("---\ntitle: T\npublished: 2020-01-02\n---\nBody.", "T", dt.date(2020, 1, 2), "Body."),
        ("---\npublished: 2020-01-02\n---\nLine\nBody.", "Line", dt.date(2020, 1, 2), "Body."),
        ("\ufeffBOM title\nBody.", "BOM title", None, "Body."),
    ],
)  # fmt: skip
def test_titles_and_front_matter(
    tmp_path: Path, content: str, title: str, published: dt.date | None, body_start: str
) -> None:
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8")
    article = read_text_article(path)
    assert (article.title, article.published) == (title, published)
    assert article.text.startswith(body_start)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 latin-1", "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nBody", "YAML"),
        (b"---\ntitle: x\nno end", "never ends"),
        (b"---\ntitle: !!int abc\n---\nBody", "YAML"),
    ],
)
def test_bad_files_give_a_clear_reason(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(IngestError, match=reason) as info:
        read_text_article(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        read_text_article(tmp_path / "nope.txt")


@pytest.mark.parametrize("value", ["2015-13-01", "2015-02-30", "yesterday", "2015-1-5"])
def test_a_bad_published_date_keeps_the_article_and_says_so(tmp_path: Path, value: str) -> None:
    (tmp_path / "a.md").write_text(
        f"---\ntitle: x\npublished: {value}\n---\nFighting in Mosul.\n", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text("---\npublished: 2015-12-01\n---\nT\nBody.\n", "utf-8")
    report = load_report(tmp_path)
    assert report.skipped == []
    article = next(a for a in report.articles if a.title == "x")
    assert article.published is None and article.text == "Fighting in Mosul."
    assert article.metadata["published_text"] == value
    (note,) = report.notices
    assert note.path == str(tmp_path / "a.md") and repr(value) in note.reason
    assert [a.published for a in report.articles if a.title == "T"] == [dt.date(2015, 12, 1)]
    with pytest.warns(UserWarning, match="not a YYYY-MM-DD date"):
        assert read_text_article(tmp_path / "a.md").published is None


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("Fighting in Mosul.", "Fighting in Mosul.", "Fighting in Mosul."),
        ("Fighting in Mosul.\n\n", "Fighting in Mosul.", "Fighting in Mosul."),
        ("# Talks in Geneva\n", "Talks in Geneva", "Talks in Geneva"),
        ("---\npublished: 2015-12-01\n---\nAid reached Aleppo.\n", "Aid reached Aleppo.",
         "Aid reached Aleppo."),
        ("---\ntitle: Raid near Kirkuk\n---\n", "Raid near Kirkuk", "Raid near Kirkuk"),
        ("---\ntitle: T\n---\nOne line of body.\n", "T", "One line of body."),
    ],
)  # fmt: skip
def test_a_one_line_article_is_its_own_text(
    tmp_path: Path, content: str, title: str, text: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    article = read_text_article(path)
    assert (article.title, article.text) == (title, text)


def test_a_one_line_article_gives_events(tmp_path: Path) -> None:
    from explorer.events import ingest

    (tmp_path / "a.txt").write_text("Fighting in Mosul on 3 March 2016.\n", encoding="utf-8")
    rows = list(ingest([tmp_path]).table.records())
    assert [(r["place_name"], r["start_date"]) for r in rows] == [("Mosul", "2016-03-03")]
