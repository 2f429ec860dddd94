from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from arenaops.errors import Conflict

logger = logging.getLogger(__name__)

MAX_PAUSES_PER_TEAM = 2
PAUSE_KEY_TTL = 6 * 3600


class MatchRoomHub:
    """Admin match rooms: referees, both captains and the tournament admin in one channel."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._rooms: dict[int, set[WebSocket]] = {}
        self._outbox: asyncio.Queue[tuple[int, str]] = asyncio.Queue(maxsize=1000)

    def enter(self, match_id: int, websocket: WebSocket) -> None:
        self._rooms.setdefault(match_id, set()).add(websocket)

    def exit(self, match_id: int, websocket: WebSocket) -> None:
        room = self._rooms.get(match_id)
        if room is not None:
            room.discard(websocket)
            if not room:
                self._rooms.pop(match_id, None)

    async def broadcast(self, match_id: int, event: dict[str, Any]) -> None:
        payload = json.dumps(event)
        for ws in list(self._rooms.get(match_id, ())):
            try:
                await asyncio.wait_for(ws.send_text(payload), timeout=2)
            except (asyncio.TimeoutError, RuntimeError):
                self.exit(match_id, ws)

    async def request_pause(self, match_id: int, team_id: int) -> int:
        key = f"pauses:{match_id}:{team_id}"
        used = int(await self._redis.get(key) or 0)
        if used >= MAX_PAUSES_PER_TEAM:
            raise Conflict("no pauses left")
        await self._redis.set(key, used + 1, ex=PAUSE_KEY_TTL)
        await self.broadcast(match_id, {"kind": "paused", "team_id": team_id, "used": used + 1})
        return used + 1

    async def note_reconnect(self, match_id: int, player_id: int) -> int:
        key = f"reconnects:{match_id}:{player_id}"
        count = await self._redis.incr(key)
        await self._redis.expire(key, PAUSE_KEY_TTL)
        return int(count)
