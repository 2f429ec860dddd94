"""Two caches filled through a helper that hands its parameter on: one keyed by template names
every caller writes as constants (a closed set), one keyed by the addresses requests bring."""
from __future__ import annotations

import hashlib
from pathlib import Path


class Letters:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._body_cache: dict[str, str] = {}

    def _body(self, name: str) -> str:
        if name in self._body_cache:
            return self._body_cache[name]
        text = (self._folder / name).read_text(encoding="utf-8")
        self._body_cache[name] = text
        return text

    def _fill(self, name: str, values: dict[str, str]) -> str:
        return self._body(name).format(**values)

    def welcome(self, user: str) -> str:
        return self._fill("welcome.txt", {"user": user})

    def reset(self, user: str) -> str:
        return self._fill("reset.txt", {"user": user})


class Avatars:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._digest_cache: dict[str, str] = {}  # expect: unbounded-cache

    def _digest(self, email: str) -> str:
        if email in self._digest_cache:
            return self._digest_cache[email]
        digest = hashlib.sha256((self._folder / email).read_bytes()).hexdigest()
        self._digest_cache[email] = digest
        return digest

    def _url(self, email: str) -> str:
        return f"https://avatars.example.com/{self._digest(email)}"

    def tag(self, email: str) -> str:
        return f'<img src="{self._url(email)}">'
