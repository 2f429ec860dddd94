from __future__ import annotations

import re
import secrets
import time
import unicodedata
import uuid

MENTION_RE = re.compile(r"(?<![\w@])@([a-z0-9_][a-z0-9_.-]{1,63})", re.IGNORECASE)
WORD_RE = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset({"the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "for"})


def extract_mentions(body: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for match in MENTION_RE.finditer(body):
        handle = match.group(1).lower()
        if handle not in seen:
            seen.add(handle)
            out.append(handle)
    return out


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def tokens(text: str) -> list[str]:
    return [w for w in WORD_RE.findall(normalise(text)) if w not in STOPWORDS]


def plain_text(content: dict) -> str:
    """Flatten a block tree ({"type":..., "text":..., "children":[...]}) into text."""
    parts: list[str] = []
    stack = [content]
    while stack:
        node = stack.pop()
        if text := node.get("text"):
            parts.append(text)
        stack.extend(reversed(node.get("children", [])))
    return "\n".join(parts)


def snippet(text: str, term: str, width: int = 80) -> str:
    idx = normalise(text).find(normalise(term))
    if idx < 0:
        return text[:width]
    start = max(0, idx - width // 2)
    return text[start : start + width]


def object_key(workspace_id: uuid.UUID, document_id: uuid.UUID, filename: str) -> str:
    safe = "".join(ch for ch in filename if ch.isalnum() or ch in "._-")[:120] or "file"
    return f"ws/{workspace_id}/docs/{document_id}/{uuid.uuid4().hex}/{safe}"


def client_id() -> str:
    return f"{int(time.time() * 1000):x}-{secrets.token_hex(4)}"
