"""The public API: every name in ``explorer.__all__`` resolves, lazily, to what the docs say."""

from __future__ import annotations

import pytest

import explorer


@pytest.mark.parametrize("name", explorer.__all__)
def test_public_name_resolves(name: str) -> None:
    assert getattr(explorer, name) is not None
    assert name in dir(explorer)


@pytest.mark.parametrize(
    ("name", "module", "attribute"),
    [
        ("map", "explorer.views.map", "build_map"),
        ("build_map", "explorer.views.map", "build_map"),
        ("timeline", "explorer.views.timeline", "build_timeline"),
        ("save_map", "explorer.views.save", "save_map"),
        ("filter_events", "explorer.events.filter", "filter_events"),
        ("geoparse", "explorer.places", "geoparse"),
    ],
)
def test_builders_are_the_documented_functions(name: str, module: str, attribute: str) -> None:
    import importlib

    assert getattr(explorer, name) is getattr(importlib.import_module(module), attribute)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = explorer.nope  # type: ignore[attr-defined]


def test_all_lists_every_lazy_name_and_no_builtin() -> None:
    import builtins

    assert sorted(explorer.__all__) == sorted(explorer._LAZY)
    assert not [name for name in explorer.__all__ if hasattr(builtins, name)]


def test_a_star_import_keeps_the_builtin_map() -> None:
    scope: dict[str, object] = {}
    exec("from explorer import *", scope)
    assert "map" not in scope and "build_map" in scope
