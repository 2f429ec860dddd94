"""Per-claim websocket watchers with per-key locks."""
import asyncio
import threading
from collections import defaultdict
from uuid import UUID

from fastapi import WebSocket


class ClaimWatchers:
    def __init__(self) -> None:
        self._sockets: dict[UUID, list[WebSocket]] = defaultdict(list)
        self._send_locks: defaultdict[UUID, threading.Lock] = defaultdict(threading.Lock)
        self._write_locks: defaultdict[UUID, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._count_locks: defaultdict[UUID, threading.Lock] = defaultdict(threading.Lock)
        self._sent: dict[UUID, int] = defaultdict(int)

    async def notify(self, claim_id: UUID, payload: dict) -> None:
        with self._send_locks[claim_id]:  # expect: deadlock
            for websocket in list(self._sockets[claim_id]):
                await websocket.send_json(payload)

    async def notify_serialised(self, claim_id: UUID, payload: dict) -> None:
        async with self._write_locks[claim_id]:
            for websocket in list(self._sockets[claim_id]):
                await websocket.send_json(payload)

    async def count(self, claim_id: UUID, payload: dict) -> None:
        for websocket in list(self._sockets[claim_id]):
            await websocket.send_json(payload)
        with self._count_locks[claim_id]:
            self._sent[claim_id] += 1
