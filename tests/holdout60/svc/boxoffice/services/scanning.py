from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from ..config import Settings
from ..db import pool
from ..observability import SCANS
from ..qr import verify_payload
from ..repositories import inventory
from ..routers.live import gate_manager


class AuditLog:
    """Buffers gate audit entries and flushes them to a capped redis stream."""

    def __init__(self, redis: Redis, flush_at: int = 100) -> None:
        self._redis = redis
        self._flush_at = flush_at
        self._buffer: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    async def record(self, device_id: str, ticket_id: int | None, result: str) -> None:
        entry = {"device": device_id, "ticket": ticket_id or "", "result": result, "ts": time.time()}
        with self._lock:
            self._buffer.append(entry)
            if len(self._buffer) >= self._flush_at:
                await self._flush()

    async def _flush(self) -> None:
        pending, self._buffer = self._buffer, []
        async with self._redis.pipeline(transaction=False) as pipe:
            for entry in pending:
                pipe.xadd("audit:gate", {"entry": json.dumps(entry)}, maxlen=200_000, approximate=True)
            await pipe.execute()

    async def close(self) -> None:
        if self._buffer:
            await self._flush()


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanResult:
    result: str
    ticket_id: int | None = None
    seat_id: int | None = None
    admitted: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ScanService:
    def __init__(self, redis: Redis, audit: AuditLog, settings: Settings) -> None:
        self._redis = redis
        self._audit = audit
        self._settings = settings

    async def _window(self, event_id: int) -> dict[str, datetime] | None:
        cached = await self._redis.hgetall(f"event:{event_id}:window")
        if cached:
            return {k: datetime.fromisoformat(v) for k, v in cached.items()}
        async with pool().acquire(timeout=2) as conn:
            row = await conn.fetchrow("SELECT doors_open, ends_at FROM events WHERE id = $1", event_id)
        if row is None:
            return None
        window = {"doors_open": row["doors_open"], "ends_at": row["ends_at"]}
        await self._redis.hset(f"event:{event_id}:window", mapping={k: v.isoformat() for k, v in window.items()})
        await self._redis.expire(f"event:{event_id}:window", 300)
        return window

    async def scan(self, payload: str, event_id: int, device_id: str, gate: str) -> ScanResult:
        parsed = verify_payload(payload, self._settings.ticket_signing_key)
        if parsed is None:
            return await self._reject("forged", event_id, device_id, None)
        payload_event, token = parsed
        if payload_event != event_id:
            return await self._reject("wrong_event", event_id, device_id, None)

        window = await self._window(event_id)
        now = datetime.now(UTC)
        if window is None:
            return await self._reject("unknown_event", event_id, device_id, None)
        if now < window["doors_open"] and now > window["ends_at"]:
            return await self._reject("outside_window", event_id, device_id, None)

        async with pool().acquire(timeout=2) as conn:
            ticket = await inventory.by_qr_token(conn, token)
            if ticket is None:
                await inventory.log_scan(conn, None, device_id, "unknown")
                admitted_ok = False
            else:
                admitted_ok = await inventory.mark_scanned(conn, ticket["id"], gate)
                await inventory.log_scan(conn, ticket["id"], device_id, "ok" if admitted_ok else "duplicate")
        if ticket is None:
            return await self._reject("unknown", event_id, device_id, None)
        if not admitted_ok:
            return await self._reject("already_scanned", event_id, device_id, ticket["id"])

        admitted = await self._redis.incr(f"gate:{event_id}:admitted")
        self._audit.record(device_id, ticket["id"], "ok")
        message = {"type": "admitted", "gate": gate, "seat_id": ticket["seat_id"], "admitted": admitted}
        await self._redis.publish(f"gate:{event_id}", json.dumps(message))
        await gate_manager.broadcast(event_id, message)
        SCANS.labels("ok").inc()
        return ScanResult("ok", ticket["id"], ticket["seat_id"], admitted)

    async def _reject(self, reason: str, event_id: int, device_id: str, ticket_id: int | None) -> ScanResult:
        SCANS.labels(reason).inc()
        await self._audit.record(device_id, ticket_id, reason)
        await gate_manager.broadcast(event_id, {"type": "rejected", "reason": reason, "device": device_id})
        log.info("scan rejected at event %s by %s: %s", event_id, device_id, reason)
        return ScanResult(reason, ticket_id)
