"""Integrations an alert can be delivered to."""
from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass
class Subscription:
    kind: str
    url: str
    project: str


class ChatClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=5)

    async def post(self, url: str, text: str) -> None:
        await self._http.post(url, json={"text": text})


class TrackerClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://tracker.example", timeout=5)

    async def create_issue(self, project: str, title: str) -> str:
        response = await self._http.post("/api/issues", json={"project": project, "title": title})
        return response.json()["key"]
