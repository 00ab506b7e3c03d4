"""A quicker ``import altair``: rfc3987_syntax loads when an IRI is first checked, not before.

altair validates charts with jsonschema; when ``rfc3987_syntax`` is installed (JupyterLab's
``jupyter-events`` pulls it in through ``jsonschema[format-nongpl]``), ``import jsonschema``
imports it to register the ``iri`` format checker, and it compiles some 40 lark grammars at
import: 2-3 s of every first chart, panel or briefing (python-jsonschema/jsonschema#1428,
#1521). :func:`defer` puts a stand-in module in its place whose ``is_valid_syntax`` imports the
real one on its first call, so a check gives the same answer, only later. Nothing changes when
jsonschema or rfc3987_syntax is already imported, or when rfc3987_syntax is not installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

__all__ = ["defer"]

NAME = "rfc3987_syntax"


def _real() -> types.ModuleType:
    shim = sys.modules.get(NAME)
    if shim is not None and getattr(shim, "_explorer_stand_in", False):
        del sys.modules[NAME]
    return importlib.import_module(NAME)


def defer() -> None:
    if NAME in sys.modules or "jsonschema" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(NAME)
    except (ImportError, ValueError):
        return
    if spec is None:
        return
    shim = types.ModuleType(NAME, "stand-in until an IRI is checked (explorer.views._lazy_iri)")

    def is_valid_syntax(term: str, value: str) -> Any:
        return _real().is_valid_syntax(term, value)

    def __getattr__(name: str) -> Any:  # anything else: the real module, now
        return getattr(_real(), name)

    shim.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    shim.__getattr__ = __getattr__  # type: ignore[method-assign]
    shim._explorer_stand_in = True  # type: ignore[attr-defined]
    # its submodules stay importable ("import rfc3987_syntax.utils")
    shim.__path__ = list(spec.submodule_search_locations or [])
    sys.modules[NAME] = shim
