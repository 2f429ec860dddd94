"""Markdown-ish rendering helpers for the docs site."""
from __future__ import annotations

import html
import re
from functools import cache, lru_cache

from docsite.settings import THEME

_LINK = re.compile(r"\{\{link (\w+) ([^}\s]+)\}\}")


@cache  # expect: unbounded-cache
def anchor(kind: str, target: str) -> str:
    return f'<a class="{kind}" href="{html.escape(target)}">{html.escape(target)}</a>'


@lru_cache(maxsize=None)  # expect: unbounded-cache
def heading_id(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


@cache
def theme_css(theme: str) -> str:
    return f"/static/{theme}.css"


def expand_links(text: str) -> str:
    return _LINK.sub(lambda found: anchor(found.group(1), found.group(2)), text)


def outline(sections: list[dict]) -> list[str]:
    return [heading_id(section.get("title", "")) for section in sections]


def stylesheet() -> str:
    return theme_css(THEME.strip())
