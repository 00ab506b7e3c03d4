"""HTML from templates with autoescape on (the way datasette renders every page).

Every HTML page or fragment Explorer writes (popups, legends, the briefing, the panel's table)
comes from a template file in ``explorer/views/templates``; text from articles, feeds, tables
or users is only ever a *value* passed to :func:`render`, escaped by Jinja unless a template
marks it safe (only Explorer's own HTML is: the output of another template, or JSON made
script-safe). No text is ever compiled as a template.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

__all__ = ["Markup", "environment", "macro", "render", "script_json"]


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: autoescape on, undefined names an error."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("explorer.views", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, /, **context: Any) -> str:
    """The template ``name`` rendered with ``context`` (values, escaped)."""
    return environment().get_template(name).render(**context)


def macro(template: str, name: str, /, *args: Any) -> str:
    """The macro ``name`` of the template file ``template`` called with ``args`` (values,
    escaped): small HTML pieces, such as the panel's lines, from one file of macros."""
    module = environment().get_template(template).module
    return str(getattr(module, name)(*args))


def script_json(text: str) -> Markup:
    """JSON text made safe to place inside a ``<script>`` element (nothing in it can end the
    element or open a comment), marked safe for the templates."""
    return Markup(
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
