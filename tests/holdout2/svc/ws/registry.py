"""Device connections held by this process.

Each replica keeps only the sockets it accepted. Commands and control messages are
published on ``devices:<id>:control`` in Redis; every replica listens on the pattern and
forwards what concerns a device it holds, so a command reaches the device wherever it is
connected.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as redis
from fastapi import WebSocket

from svc.cache import CONTROL_PATTERN, control_channel, device_from_channel
from svc.errors import CapacityError

log = logging.getLogger(__name__)


@dataclass(eq=False)
class DeviceSession:
    device_id: uuid.UUID
    tenant_id: uuid.UUID
    websocket: WebSocket
    connected_at: float = field(default_factory=time.monotonic)

    async def send(self, payload: dict[str, Any]) -> None:
        await self.websocket.send_json(payload)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        with contextlib.suppress(RuntimeError):
            await self.websocket.close(code=code, reason=reason)


class DeviceRegistry:
    def __init__(self, client: redis.Redis, *, max_connections: int) -> None:
        self._redis = client
        self._max_connections = max_connections
        self._sessions: dict[uuid.UUID, DeviceSession] = {}
        self._sessions_lock = asyncio.Lock()
        self._tenant_counts: Counter[uuid.UUID] = Counter()
        self._counts_lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._sessions)

    async def add(self, session: DeviceSession) -> None:
        """Register a session, replacing (and closing) an older one for the same device."""
        async with self._sessions_lock:
            previous = self._sessions.get(session.device_id)
            if previous is None and len(self._sessions) >= self._max_connections:
                raise CapacityError("device connection limit reached")
            if previous is not None:
                await previous.close(code=4001, reason="superseded by a newer connection")
            self._sessions[session.device_id] = session
            async with self._counts_lock:
                if previous is None:
                    self._tenant_counts[session.tenant_id] += 1

    async def remove(self, session: DeviceSession) -> None:
        async with self._sessions_lock:
            if self._sessions.get(session.device_id) is not session:
                return
            del self._sessions[session.device_id]
            async with self._counts_lock:
                self._tenant_counts[session.tenant_id] -= 1
                if self._tenant_counts[session.tenant_id] <= 0:
                    del self._tenant_counts[session.tenant_id]

    async def tenant_summary(self) -> dict[str, Any]:
        """Connections per tenant plus the oldest connection age, for the ops endpoint."""
        async with self._counts_lock, self._sessions_lock:
            oldest = min((s.connected_at for s in self._sessions.values()), default=None)
            return {
                "connections": len(self._sessions),
                "per_tenant": {str(tenant): n for tenant, n in self._tenant_counts.most_common(50)},
                "oldest_age_s": round(time.monotonic() - oldest, 1) if oldest is not None else None,
            }

    async def disconnect(self, device_id: uuid.UUID, *, reason: str) -> None:
        """Ask whichever replica holds the device to close its socket."""
        await self._redis.publish(control_channel(device_id), json.dumps({"type": "disconnect", "reason": reason}))

    async def route_control_messages(self) -> None:
        """Forward control messages to the devices connected here. Runs for the life of the process."""
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.psubscribe(CONTROL_PATTERN)
        try:
            while True:
                message = await pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                device_id = device_from_channel(message["channel"])
                session = self._sessions.get(device_id) if device_id else None
                if session is None:
                    continue
                await self._deliver(session, message["data"])
        finally:
            await pubsub.punsubscribe(CONTROL_PATTERN)
            await pubsub.aclose()

    async def _deliver(self, session: DeviceSession, raw: str) -> None:
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError:
            log.warning("dropping malformed control message for %s", session.device_id)
            return
        if payload.get("type") == "disconnect":
            await session.close(code=4003, reason=str(payload.get("reason", "")))
            return
        try:
            await asyncio.wait_for(session.send(payload), timeout=5.0)
        except (asyncio.TimeoutError, RuntimeError):
            log.warning("could not forward %s to %s", payload.get("type"), session.device_id)
