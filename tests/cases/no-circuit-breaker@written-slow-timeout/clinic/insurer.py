"""Eligibility checks at the insurer: the team gave them a generous limit."""
from __future__ import annotations

import aiohttp


class EligibilityApi:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=25, connect=4))

    async def covered(self, member_id: str, procedure: str) -> bool:
        assert self._session is not None
        async with self._session.get(f"{self._base}/members/{member_id}/coverage/{procedure}") as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()
            return (await resp.json())["covered"]
