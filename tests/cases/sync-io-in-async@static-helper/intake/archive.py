"""Retention copies on the local volume."""
from pathlib import Path


class LocalArchive:
    def __init__(self, root: str) -> None:
        self._root = Path(root)

    def save(self, name: str, content: bytes) -> None:
        (self._root / name).write_bytes(content)  # expect: sync-io-in-async
