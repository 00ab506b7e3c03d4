"""The package is layered: a module never imports (even lazily, inside a function) a layer
above its own. Read from the source with ``ast``, so a lazy import counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "explorer"

# each layer, and the packages and modules above it that it must not import
ABOVE: dict[str, tuple[str, ...]] = {
    "places": ("events", "incidents", "views", "export", "cli", "scale", "corpus", "notebook"),
    "dates": ("events", "incidents", "views", "export", "cli", "scale", "corpus", "notebook"),
    "geocoding": ("events", "incidents", "views", "export", "cli", "scale", "corpus"),
    "gazetteer": ("events", "incidents", "views", "export", "cli", "scale", "corpus"),
    "ingest": ("events", "incidents", "views", "export", "cli", "scale", "corpus"),
    "events": ("incidents", "views", "export", "cli", "scale", "corpus", "notebook"),
    "incidents": ("views", "export", "cli", "scale", "corpus", "notebook"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    banned = tuple(f"explorer.{name}" for name in ABOVE[layer])
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in sorted(_imports(path))
        if name.startswith(banned)
        and (name in banned or name.startswith(tuple(b + "." for b in banned)))
    ]
    assert wrong == []


@pytest.mark.parametrize("module", ["model.py", "errors.py", "document.py"])
def test_the_bottom_imports_only_the_bottom(module: str) -> None:
    allowed = {"explorer.errors", "explorer.model", "explorer.document"}
    names = {n for n in _imports(PACKAGE / module) if n.startswith("explorer.")}
    assert names <= allowed
