from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ArchivedProblem:
    external_id: str
    title: str
    time_limit_ms: int
    memory_limit_mb: int
    statement_url: str
    tests_url: str
    checker: str


class ProblemArchiveClient:
    """Client for the internal problem archive used when preparing contests."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"Authorization": f"Token {self._token}"},
            )
        return self._session

    async def fetch_problem(self, external_id: str) -> ArchivedProblem:
        session = self._ensure_session()
        async with session.get(f"{self._base_url}/api/problems/{external_id}") as resp:
            resp.raise_for_status()
            data: dict[str, Any] = await resp.json()
        return ArchivedProblem(
            external_id=external_id,
            title=data["title"],
            time_limit_ms=int(data["limits"]["time_ms"]),
            memory_limit_mb=int(data["limits"]["memory_mb"]),
            statement_url=data["statement_url"],
            tests_url=data["tests_url"],
            checker=data.get("checker", "exact"),
        )

    async def download(self, url: str) -> bytes:
        session = self._ensure_session()
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.read()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
