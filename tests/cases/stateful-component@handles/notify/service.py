"""Services created once in the lifespan and shared by every request."""
from __future__ import annotations

import aiohttp

from .repository import EventLog


class Notifier:
    """Holds a lazily opened HTTP session: a connection handle, not request data."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def push(self, user_id: int, text: str) -> None:
        async with self._client().post(f"{self._base_url}/push", json={"user": user_id, "text": text}) as resp:
            resp.raise_for_status()

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


class Timeline:
    """Writes go to the database through the repository's own `append` method."""

    def __init__(self, log: EventLog) -> None:
        self._log = log

    async def record(self, topic: str, body: str) -> None:
        await self._log.append(topic, body)

    async def show(self, topic: str) -> list[str]:
        return await self._log.recent(topic)


class Drafts:
    """Keeps each user's draft between requests in this process only."""

    def __init__(self) -> None:
        self._drafts: dict[int, list[str]] = {}  # expect: stateful-component

    async def add_line(self, user_id: int, line: str) -> None:
        self._drafts.setdefault(user_id, []).append(line)

    async def draft(self, user_id: int) -> list[str]:
        return list(self._drafts.get(user_id, []))
