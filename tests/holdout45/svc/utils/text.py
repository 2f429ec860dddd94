"""Text helpers for article bodies: slugs, sanitising, plain-text extraction, embeds."""
from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache


_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")
_ALLOWED = {"p", "a", "em", "strong", "blockquote", "ul", "ol", "li", "h2", "h3", "figure", "figcaption", "img"}
_OPEN = re.compile(r"<(/?)([a-zA-Z0-9]+)([^>]*)>")


def plain_text(body: str) -> str:
    return _WS.sub(" ", html.unescape(_TAG.sub(" ", body))).strip()


def sanitize(body: str) -> str:
    def _keep(m: re.Match) -> str:
        return m.group(0) if m.group(2).lower() in _ALLOWED else ""

    return _OPEN.sub(_keep, body)


def word_count(body: str) -> int:
    return len(plain_text(body).split())


@cache
def render_embed(provider: str, url: str) -> str:
    safe = html.escape(url, quote=True)
    return f'<div class="embed embed-{provider}"><a href="{safe}">{safe}</a></div>'


_EMBED = re.compile(r"\[embed (\w+) (https?://[^\]\s]+)\]")


def expand_embeds(body: str) -> str:
    return _EMBED.sub(lambda m: render_embed(m.group(1), m.group(2)), body)


def excerpt(body: str, limit: int = 280) -> str:
    text = plain_text(body)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 120


@lru_cache(maxsize=4096)
def slugify(title: str) -> str:
    norm = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _NON_WORD.sub("-", norm).strip("-")[:MAX_SLUG] or "untitled"


def unique_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
