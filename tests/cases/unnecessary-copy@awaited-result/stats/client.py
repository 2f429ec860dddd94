"""Scores fetched from the ranking service."""
from dataclasses import dataclass

import httpx


@dataclass
class Entry:
    player: str
    score: float
    tags: list[str]


class RankingClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def top(self, limit: int) -> list[Entry]:
        resp = await self._http.get("/top", params={"limit": limit})
        return [Entry(**row) for row in resp.json()]
