"""Plain-text notes attached to an upload (no PDF library involved)."""
from __future__ import annotations


class Note:
    def __init__(self, body: str) -> None:
        self.body = body

    def extract_text(self) -> str:
        return self.body.strip()


class Snippet:
    def __init__(self, raw: dict[str, str]) -> None:
        self.raw = raw


def summary(snippet: Snippet) -> str:
    return snippet.raw.get("text", "")


def plain(doc) -> str:
    """Any object with a cheap `extract_text()` (a Note, a stored transcript)."""
    return doc.extract_text()
