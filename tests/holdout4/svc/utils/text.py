from __future__ import annotations

import html
import re
from functools import lru_cache

MENTION_RE = re.compile(r"(?<![\w@])@([a-z0-9_.-]{2,64})", re.IGNORECASE)
SPECIAL_MENTIONS = frozenset({"here", "channel", "everyone"})


def extract_mentions(body: str) -> tuple[list[str], set[str]]:
    """Return (user handles, special mentions) in order of first appearance."""
    handles: list[str] = []
    seen: set[str] = set()
    special: set[str] = set()
    for match in MENTION_RE.finditer(body):
        handle = match.group(1).lower()
        if handle in SPECIAL_MENTIONS:
            special.add(handle)
        elif handle not in seen:
            seen.add(handle)
            handles.append(handle)
    return handles, special


@lru_cache(maxsize=256)
def keyword_pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(keyword)}\b", re.IGNORECASE)


def highlight(body: str, terms: list[str]) -> str:
    escaped = html.escape(body)
    for term in terms:
        escaped = keyword_pattern(term).sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)
    return escaped


def render_lines(lines: list[str]) -> str:
    parts = [f"<li>{html.escape(line)}</li>" for line in lines]
    return "<ul>" + "".join(parts) + "</ul>"


def snippet(body: str, width: int = 140) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
