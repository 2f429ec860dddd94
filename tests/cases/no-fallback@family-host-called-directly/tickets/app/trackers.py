"""Issue trackers behind one interface; each implementation talks to its own host."""
from __future__ import annotations

import httpx


class Tracker:
    async def fetch_issue(self, key: str) -> dict:
        raise NotImplementedError


class AlphaTracker(Tracker):
    async def fetch_issue(self, key: str) -> dict:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(f"https://alpha.example.com/issues/{key}")
            response.raise_for_status()
            return response.json()


class BetaTracker(Tracker):
    async def fetch_issue(self, key: str) -> dict:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(f"https://beta.example.com/api/issue/{key}")
            response.raise_for_status()
            return response.json()
