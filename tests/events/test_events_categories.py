"""Categories beyond war news, and a user's own lexicon from the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.errors import ConfigurationError
from explorer.events import EventTable
from explorer.events.categories import categorise, load_lexicon, recategorise


@pytest.mark.parametrize(
    ("sentence", "first"),
    [("Floods submerged whole villages after the monsoon rains.", "disaster"),
     ("An earthquake shook the valley before dawn.", "disaster"),
     ("A bus crash on the highway killed twelve people.", "accident"),
     ("The ferry capsized near the river mouth.", "accident"),
     ("Two men were shot dead in a robbery at a petrol station.", "crime"),
     ("Thousands protested outside parliament.", "protest"),
     ("Dengue infections rose as clinics filled.", "health"),
     ("Troops advanced on the city.", "military")],
)  # fmt: skip
def test_everyday_news_gets_a_category(sentence: str, first: str) -> None:
    assert categorise(sentence)[0] == first


def table() -> EventTable:
    return EventTable.from_records(
        [{"event_id": "e1", "sentence": "Locusts swarmed over the fields near Multan."},
         {"event_id": "e2", "sentence": "Floods cut the road to Sukkur."}]
    )  # fmt: skip


def test_a_users_lexicon_adds_categories(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("Pests: [locust, swarm]\ndisaster: flood\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon == {"pests": ("locust", "swarm"), "disaster": ("flood",)}
    cats = list(recategorise(table(), lexicon).df["categories"])
    assert cats == [("pests",), ("disaster",)]
    alone = list(recategorise(table(), {"pests": ("locust",)}, replace=True).df["categories"])
    assert alone == [("pests",), ()]


@pytest.mark.parametrize(
    ("content", "message"),
    [("[1, 2]", "must map each category"), ('{"x": []}', "'x' has no words"),
     ("{not json", "cannot be read"), ('{"x": {"a": 1}}', "a name with a list of words")],
)  # fmt: skip
def test_a_bad_lexicon_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_lexicon(path)


def test_the_command_line_takes_a_lexicon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ntitle: Fields\npublished: 2022-08-30\n---\n"
        "Locusts swarmed over the fields near Multan on Monday.\n",
        encoding="utf-8",
    )
    lexicon = tmp_path / "lexicon.json"
    lexicon.write_text(json.dumps({"pests": ["locust"]}), encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["ingest", str(article), "--out", str(out), "--no-cache",
                 "--lexicon", str(lexicon)]) == 0  # fmt: skip
    assert "pests" in set(EventTable.read(out).df["categories"].explode())
    again = tmp_path / "again.csv"
    assert main(["export", str(out), "--out", str(again), "--lexicon", str(lexicon)]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["ingest", str(article), "--out", str(out), "--lexicon", str(bad)]) == 2
    assert "must map each category" in capsys.readouterr().err


def test_a_users_categories_have_one_colour_everywhere() -> None:
    from explorer.views.mapstyle import category_color, category_scale
    from explorer.views.timeline import build_timeline

    table = EventTable.from_records(
        [{"event_id": "e1", "sentence": "x", "categories": ("pests",), "start_date": "2022-08-01",
          "end_date": "2022-08-01", "country_code": "PK"},
         {"event_id": "e2", "sentence": "y", "categories": ("disaster",),
          "start_date": "2022-08-02", "end_date": "2022-08-02", "country_code": "PK"}]
    )  # fmt: skip
    used, colours = category_scale({"pests", "disaster"})
    assert used == ["disaster", "pests"] and colours[1] == category_color("pests") != "#7f7f7f"
    spec = build_timeline(table).to_dict()
    scales = [layer["encoding"]["color"]["scale"] for layer in spec.get("layer", [spec])
              if "color" in layer.get("encoding", {})]  # fmt: skip
    assert {"domain": used, "range": colours} in scales
