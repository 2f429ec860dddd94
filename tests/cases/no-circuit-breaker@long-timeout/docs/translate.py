"""Machine translation over aiohttp; the session keeps aiohttp's default total timeout."""
from __future__ import annotations

import aiohttp


class Translator:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url="https://mt.example.com")

    async def translate(self, text: str, target: str) -> str:
        assert self._session is not None
        async with self._session.post("/translate", json={"q": text, "to": target}) as resp:  # expect: no-circuit-breaker
            return (await resp.json())["text"]
