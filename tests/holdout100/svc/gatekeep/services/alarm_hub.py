from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from redis.asyncio import Redis
from starlette.websockets import WebSocket

from ..settings import Settings

log = logging.getLogger(__name__)

ALARM_STREAM = "gatekeep:alarms"
PAGE_KINDS = frozenset({"forced", "tamper"})


class AlarmHub:
    """Door alarms (forced, held open, tamper) pushed to security staff."""

    def __init__(self, settings: Settings, redis: Redis) -> None:
        self._redis = redis
        self._pager_url = settings.pager_webhook_url
        self._routing_key = settings.pager_routing_key
        self._sockets: dict[WebSocket, int] = {}

    def register(self, websocket: WebSocket, site_id: int) -> None:
        self._sockets[websocket] = site_id

    def unregister(self, websocket: WebSocket) -> None:
        self._sockets.pop(websocket, None)

    @property
    def connection_count(self) -> int:
        return len(self._sockets)

    async def raise_alarm(self, alarm: dict[str, Any]) -> None:
        await self._redis.xadd(ALARM_STREAM, {k: str(v) for k, v in alarm.items()}, maxlen=50_000, approximate=True)
        await self.broadcast(alarm)
        if alarm["kind"] in PAGE_KINDS:
            await self._page(alarm)

    async def broadcast(self, alarm: dict[str, Any]) -> None:
        stale: list[WebSocket] = []
        for websocket, site_id in list(self._sockets.items()):
            if site_id != alarm.get("site_id"):
                continue
            try:
                await asyncio.wait_for(websocket.send_json(alarm), timeout=2.0)
            except (RuntimeError, OSError, asyncio.TimeoutError):
                stale.append(websocket)
        for websocket in stale:
            self.unregister(websocket)

    async def _page(self, alarm: dict[str, Any]) -> None:
        payload = {
            "routing_key": self._routing_key,
            "event_action": "trigger",
            "payload": {"summary": f"Door {alarm['door_id']} {alarm['kind']}", "severity": "critical", "source": "gatekeep"},
        }
        async with httpx.AsyncClient(timeout=5.0) as client:
            resp = await client.post(self._pager_url, json=payload)
            resp.raise_for_status()
