"""Websocket registry with presence; its locks are handed out through properties."""
import asyncio
import time


class Hub:
    def __init__(self) -> None:
        self._registry_lock = asyncio.Lock()
        self._presence_lock = asyncio.Lock()
        self._connections: dict[int, set[str]] = {}
        self._last_seen: dict[int, float] = {}

    @property
    def registry_lock(self) -> asyncio.Lock:
        return self._registry_lock

    @property
    def presence_lock(self) -> asyncio.Lock:
        return self._presence_lock

    @property
    def connections(self) -> dict[int, set[str]]:
        return self._connections

    @property
    def last_seen(self) -> dict[int, float]:
        return self._last_seen

    async def register(self, user_id: int, conn: str) -> None:
        async with self._registry_lock:
            self._connections.setdefault(user_id, set()).add(conn)
            async with self._presence_lock:
                self._last_seen[user_id] = time.monotonic()
