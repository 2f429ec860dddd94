"""Supervisor alerts: pushed to supervisor websockets, and paged by SMS when urgent."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

from apron.clients.sms import SmsGateway
from apron.utils.timeutil import utcnow

log = logging.getLogger(__name__)

ALERT_CHANNEL = "apron:alerts"


class AlertManager:
    def __init__(self, redis: Redis, sms: SmsGateway, duty_phones: dict[str, str]) -> None:
        self._redis = redis
        self._sms = sms
        self._duty_phones = duty_phones
        self._sockets: dict[str, set[WebSocket]] = {}

    def count(self, airport: str) -> int:
        return len(self._sockets.get(airport, ()))

    async def register(self, airport: str, websocket: WebSocket) -> None:
        self._sockets.setdefault(airport, set()).add(websocket)
        log.info("supervisor socket registered for %s (%d open)", airport, self.count(airport))

    def unregister(self, airport: str, websocket: WebSocket) -> None:
        sockets = self._sockets.get(airport)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                self._sockets.pop(airport, None)

    async def raise_alert(self, airport: str, kind: str, message: str, *, page: bool = False) -> None:
        payload = {"airport": airport, "kind": kind, "message": message, "at": utcnow().isoformat()}
        await self._broadcast(airport, payload)
        if page and airport in self._duty_phones:
            await self._sms.send(self._duty_phones[airport], f"[{kind}] {message}")

    async def publish(self, airport: str, kind: str, message: str) -> None:
        """For processes without supervisor sockets (the workers): fan out through redis."""
        payload = {"airport": airport, "kind": kind, "message": message, "at": utcnow().isoformat()}
        await self._redis.publish(ALERT_CHANNEL, json.dumps(payload))

    async def _broadcast(self, airport: str, payload: dict[str, Any]) -> None:
        sockets = list(self._sockets.get(airport, ()))
        if not sockets:
            return
        await asyncio.gather(*(ws.send_json(payload) for ws in sockets), return_exceptions=True)

    async def listen(self, stop: asyncio.Event) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(ALERT_CHANNEL)
        try:
            while not stop.is_set():
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                payload = json.loads(message["data"])
                await self._broadcast(payload["airport"], payload)
        finally:
            await pubsub.unsubscribe(ALERT_CHANNEL)
            await pubsub.aclose()
