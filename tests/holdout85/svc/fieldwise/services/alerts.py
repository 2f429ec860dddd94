from __future__ import annotations

import asyncio
import contextlib
import json
from collections import defaultdict
from datetime import date
from typing import Any

import redis.asyncio as aioredis
from starlette.websockets import WebSocket

from fieldwise.clients.sms import SmsClient
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.alerts import AlertRepository
from fieldwise.services.container import Services

log = get_logger(__name__)

ACTIVE_ALERTS: list[dict[str, Any]] = []
SEVERITY_ORDER = {"info": 0, "warning": 1, "critical": 2}
DAILY_SMS_CAP = 20
CHANNEL = "alerts:feed"


class AlertFeed:
    """Each replica relays the shared channel to the sockets connected to it."""

    def __init__(self, redis: aioredis.Redis, max_connections: int) -> None:
        self._redis = redis
        self._max = max_connections
        self._local: dict[int, set[WebSocket]] = defaultdict(set)
        self._count = 0

    def has_capacity(self) -> bool:
        return self._count < self._max

    def attach(self, farm_id: int, ws: WebSocket) -> None:
        self._local[farm_id].add(ws)
        self._count += 1

    def detach(self, farm_id: int, ws: WebSocket) -> None:
        if ws in self._local.get(farm_id, ()):
            self._local[farm_id].discard(ws)
            self._count -= 1

    async def publish(self, farm_id: int, alert: dict[str, Any]) -> None:
        await self._redis.publish(CHANNEL, json.dumps({"farm_id": farm_id, **alert}))

    async def relay(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(CHANNEL)
        try:
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                event = json.loads(message["data"])
                targets = list(self._local.get(event["farm_id"], ()))
                await asyncio.gather(*(self._deliver(ws, event) for ws in targets), return_exceptions=True)
        finally:
            await pubsub.unsubscribe(CHANNEL)
            await pubsub.aclose()

    async def _deliver(self, ws: WebSocket, event: dict[str, Any]) -> None:
        await asyncio.wait_for(ws.send_json(event), timeout=2.0)


class AlertService:
    def __init__(self, deps: Services, feed: AlertFeed) -> None:
        self._repo = AlertRepository(deps.pg)
        self._redis: aioredis.Redis = deps.redis
        self._sms: SmsClient = deps.sms
        self._feed = feed

    async def raise_alert(self, farm_id: int, field_id: int | None, kind: str, severity: str,
                          message: str, dedupe_key: str, phone: str | None = None) -> bool:
        alert_id = await self._repo.insert(farm_id, field_id, kind, severity, message, dedupe_key)
        if alert_id is None:
            return False  # already raised for this key
        event = {"id": alert_id, "field_id": field_id, "kind": kind, "severity": severity, "message": message}
        ACTIVE_ALERTS.append({"farm_id": farm_id, **event})
        with contextlib.suppress(Exception):
            await self._feed.publish(farm_id, event)
        if phone and SEVERITY_ORDER.get(severity, 0) >= SEVERITY_ORDER["warning"]:
            await self._notify(farm_id, phone, message)
        return True

    async def _notify(self, farm_id: int, phone: str, message: str) -> None:
        key = f"sms:count:{farm_id}:{date.today().isoformat()}"
        sent = await self._redis.get(key)
        if sent is not None and int(sent) >= DAILY_SMS_CAP:
            log.warning("alerts.sms_cap_reached", farm_id=farm_id)
            return
        await self._sms.send_sms(phone, message)
        await self._redis.set(key, int(sent or 0) + 1, ex=86_400)

    async def mark_seen(self, farm_id: int, user_id: int) -> int:
        key = f"alerts:unseen:{farm_id}:{user_id}"
        pipe = self._redis.pipeline(transaction=True)
        pipe.get(key)
        pipe.delete(key)
        unseen, _ = await pipe.execute()
        return int(unseen or 0)

    async def bump_unseen(self, farm_id: int, user_ids: tuple[int, ...]) -> None:
        for user_id in user_ids:
            await self._redis.incr(f"alerts:unseen:{farm_id}:{user_id}")
