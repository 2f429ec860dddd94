from __future__ import annotations

import base64
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel


HASHTAG_RE = re.compile(r"(?<![\w#])#([A-Za-z0-9_]{2,50})")
MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{3,32})")
URL_RE = re.compile(r"https?://[^\s<>\"]{4,2048}")
MAX_POST_CHARS = 2000


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def extract_hashtags(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for tag in HASHTAG_RE.findall(text):
        seen.setdefault(tag.lower(), None)
    return list(seen)


def extract_mentions(text: str) -> list[str]:
    return sorted({m.lower() for m in MENTION_RE.findall(text)})


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def snippet(text: str, length: int = 140) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + "\u2026"


T = TypeVar("T")


@dataclass(frozen=True)
class Cursor:
    created_at: str
    id: int

    def encode(self) -> str:
        raw = json.dumps({"c": self.created_at, "i": self.id}).encode()
        return base64.urlsafe_b64encode(raw).decode()

    @classmethod
    def decode(cls, token: str | None) -> "Cursor | None":
        if not token:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(token.encode()))
            return cls(created_at=data["c"], id=int(data["i"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError("malformed cursor") from exc


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None
    has_more: bool = False


def paginate(rows: list, limit: int, cursor_of) -> tuple[list, str | None, bool]:
    """Expects ``rows`` fetched with ``limit + 1`` so that one extra row signals another page.

    ``cursor_of`` maps the last returned row to an opaque cursor string.
    """
    has_more = len(rows) > limit
    items = rows[:limit]
    next_cursor = cursor_of(items[-1]) if has_more and items else None
    return items, next_cursor, has_more
