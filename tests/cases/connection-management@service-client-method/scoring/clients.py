"""Clients of the scoring models; one instance of each lives for the process."""
import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class ToxicityClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def score(self, text: str) -> float:
        async with httpx.AsyncClient(base_url=self._base, timeout=5.0) as client:  # expect: connection-management
            resp = await client.post("/v1/score", json={"text": text})
            resp.raise_for_status()
            return float(resp.json()["score"])


class SpamClient:
    """Shares the application's client, passed in."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def score(self, text: str) -> float:
        resp = await self._http.post("/v1/spam", json={"text": text})
        resp.raise_for_status()
        return float(resp.json()["score"])


class LabelFeed:
    """Follows the label stream for the life of the process: one client for the whole loop."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self.labels: dict[str, str] = {}

    async def follow(self) -> None:
        async with httpx.AsyncClient(base_url=self._base, timeout=30.0) as client:
            while True:
                resp = await client.get("/v1/labels")
                self.labels.update(resp.json())
                await asyncio.sleep(60)


async def export_report(url: str, rows: list[dict]) -> None:
    """A one-off export run by an operator, not a long-lived object's method."""
    async with httpx.AsyncClient(timeout=30.0) as client:
        await client.post(url, json=rows)
