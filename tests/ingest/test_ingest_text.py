from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explorer.errors import IngestError
from explorer.ingest import read_text_article

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
        (b"---\npublished: yesterday\n---\nBody", "not a YYYY-MM-DD"),
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
