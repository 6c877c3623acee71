"""Jinja2 rendering of template triples: `templates/<name>/{subject.txt,body.txt,body.html}`.

One environment per language, with Jinja2's i18n extension fed from
`digests.i18n`; HTML is autoescaped, text is not. Environments are built once
and cached: compiling templates per mail would cost more than rendering them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from digests import i18n

TEMPLATES = Path(__file__).resolve().parent / "templates"
PARTS = ("subject.txt", "body.txt", "body.html")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=4)
def environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    gettext, ngettext = i18n.callables(lang)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def render(name: str, lang: str, context: dict[str, Any]) -> Rendered:
    env = environment(i18n.language(lang))
    subject, text, html = (env.get_template(f"{name}/{part}").render(context) for part in PARTS)
    # A subject is one line, whatever the data held.
    return Rendered(" ".join(subject.split()), text, html)
