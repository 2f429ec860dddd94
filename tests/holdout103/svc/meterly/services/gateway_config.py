from __future__ import annotations

import asyncio
import hashlib
import json
import logging

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.websockets import WebSocket

from ..repositories.tenants import PlanRepository

logger = logging.getLogger(__name__)


class GatewayConfigService:
    """Builds the gateway routing/limits document and pushes it to connected gateway nodes."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis: Redis) -> None:
        self._sessions = sessions
        self._redis = redis
        self._lock = asyncio.Lock()
        self._current: dict | None = None
        self._nodes: dict[str, WebSocket] = {}

    def register(self, node_id: str, websocket: WebSocket) -> None:
        previous = self._nodes.get(node_id)
        if previous is not None and previous is not websocket:
            logger.info("gateway node %s reconnected, replacing old socket", node_id)
        self._nodes[node_id] = websocket

    def unregister(self, node_id: str, websocket: WebSocket) -> None:
        if self._nodes.get(node_id) is websocket:
            del self._nodes[node_id]

    async def _build(self) -> dict:
        async with self._sessions() as session:
            plans = await PlanRepository(session).all()
        denylist = sorted(m.decode() for m in await self._redis.smembers("gw:denylist"))
        body = {
            "plans": {p.id: {"rpm": p.rate_limit_per_min} for p in plans},
            "denylist": denylist,
        }
        body["version"] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
        return body

    async def snapshot(self) -> dict:
        async with self._lock:
            if self._current is None:
                self._current = await self._build()
            return self._current

    async def publish(self, reason: str) -> int:
        async with self._lock:
            self._current = await self._build()
            payload = await self.snapshot()
        sent = 0
        for node_id, websocket in list(self._nodes.items()):
            try:
                await asyncio.wait_for(websocket.send_json({"type": "config", "reason": reason, "config": payload}), 5)
                sent += 1
            except Exception:
                logger.warning("config push to node %s failed", node_id, exc_info=True)
        return sent
