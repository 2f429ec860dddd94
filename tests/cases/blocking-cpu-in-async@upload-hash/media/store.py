"""Content-addressed storage for uploaded media."""
from __future__ import annotations

from pathlib import Path


class BlobStore:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._known: set[str] = set()

    def exists(self, digest: str) -> bool:
        return digest in self._known

    def remember(self, digest: str) -> None:
        self._known.add(digest)
