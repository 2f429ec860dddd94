"""Packing stations: scan sessions, order completion, packing slips, audit trail."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aiofiles
from redis.asyncio import Redis

from ..clients.print_gateway import PrintGatewayClient
from ..config import Settings
from ..db.engine import SessionLocal
from ..errors import CircuitOpenError, ConflictError, PrinterError
from ..repositories import events_repo, order_repo, sku_repo
from ..utils.printing import render_packing_slip, spool_packing_slip
from ..utils.timing import utcnow

log = logging.getLogger(__name__)

FLUSH_BATCH = 100
AUDIT_STREAM = "wms:audit"


@dataclass(frozen=True)
class AuditEntry:
    actor: str
    action: str
    subject: str
    at: str = field(default_factory=lambda: utcnow().isoformat())


class AuditLog:
    """Append-only audit trail kept in a capped Redis stream."""

    def __init__(self, redis: Redis, maxlen: int = 200_000) -> None:
        self._redis = redis
        self._maxlen = maxlen

    async def record(self, entry: AuditEntry) -> None:
        fields = {"actor": entry.actor, "action": entry.action, "subject": entry.subject, "at": entry.at}
        await self._redis.xadd(AUDIT_STREAM, fields, maxlen=self._maxlen, approximate=True)


@dataclass
class PackSession:
    station_id: str
    packer_id: str
    opened_at: datetime
    session_id: str = ""
    order_id: int | None = None
    expected: Counter[int] = field(default_factory=Counter)
    scanned: Counter[int] = field(default_factory=Counter)


class PackingService:
    def __init__(
        self, redis: Redis, audit: AuditLog, printer: PrintGatewayClient, printers: dict[str, str], settings: Settings
    ) -> None:
        self._redis = redis
        self._audit = audit
        self._printer = printer
        self._printers = printers
        self._settings = settings
        self._active: dict[str, PackSession] = {}
        self._events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._buffer: list[dict[str, Any]] = []
        self._buffer_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    async def open_session(self, station_id: str, packer_id: str) -> PackSession:
        if station_id in self._active:
            raise ConflictError(f"station {station_id} already has an open session")
        opened = utcnow()
        await self._redis.hset(f"wms:station:{station_id}", mapping={"packer": packer_id, "opened_at": opened.isoformat()})
        session_id = f"{station_id}-{int(opened.timestamp())}"
        session = PackSession(station_id=station_id, packer_id=packer_id, opened_at=opened, session_id=session_id)
        self._active[station_id] = session
        return session

    async def close_session(self, station_id: str) -> None:
        session = self._active.pop(station_id, None)
        await self._redis.delete(f"wms:station:{station_id}")
        if session is None:
            return
        path = Path(self._settings.session_log_dir) / f"{session.session_id}.jsonl"
        async with aiofiles.open(path, "a") as fh:
            await fh.write(json.dumps({"closed_at": utcnow().isoformat(), "scanned": dict(session.scanned)}) + "\n")

    async def start_order(self, session: PackSession, order_id: int) -> dict[str, Any]:
        async with SessionLocal() as db:
            order = await order_repo.get_order_with_lines(db, order_id)
        session.order_id = order.id
        session.expected = Counter({line.sku_id: line.qty for line in order.lines})
        session.scanned.clear()
        return {"type": "order", "order_id": order.id, "lines": len(order.lines)}

    async def handle_scan(self, session: PackSession, barcode: str, qty: int) -> dict[str, Any]:
        event = {
            "station_id": session.station_id,
            "session_id": session.session_id,
            "barcode": barcode,
            "qty": qty,
            "scanned_at": utcnow(),
        }
        await self._events.put(event)
        self._audit.record(AuditEntry(actor=session.packer_id, action="scan", subject=barcode))
        if session.order_id is None:
            return {"type": "error", "reason": "no order started"}

        async with SessionLocal() as db:
            sku = await sku_repo.get_by_barcode(db, barcode)
        if sku is None or sku.id not in session.expected:
            return {"type": "error", "reason": "item not on order", "barcode": barcode}
        session.scanned[sku.id] += qty
        complete = all(session.scanned[s] >= q for s, q in session.expected.items())
        if complete:
            task = asyncio.create_task(self._finalise(session.order_id, session.station_id))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return {"type": "ack", "sku_id": sku.id, "complete": complete}

    def _printer_for(self, station_id: str) -> str:
        return self._printers.get(station_id, f"{station_id}-laser")

    async def _finalise(self, order_id: int, station_id: str) -> None:
        async with SessionLocal() as db:
            order = await order_repo.get_order_with_lines(db, order_id)
            order.status = "packed"
            await db.commit()
        pdf = await asyncio.to_thread(render_packing_slip, order, list(order.lines))
        try:
            await self._printer.submit(self._printer_for(station_id), pdf, title=f"slip-{order.external_ref}")
        except (PrinterError, CircuitOpenError):
            log.warning("print gateway unavailable; spooling slip for order %s locally", order_id, exc_info=True)
            spool_packing_slip(self._settings.printer_spool_dir, station_id, pdf)

    async def run_event_writer(self) -> None:
        """Drain scan events into the database in batches."""
        while True:
            event = await self._events.get()
            async with self._buffer_lock:
                self._buffer.append(event)
                if len(self._buffer) >= FLUSH_BATCH:
                    await self._flush()

    async def flush_pending(self) -> None:
        await self._flush()

    async def _flush(self) -> None:
        await self._buffer_lock.acquire()
        try:
            batch, self._buffer = self._buffer, []
        finally:
            self._buffer_lock.release()
        if not batch:
            return
        async with SessionLocal() as db:
            await events_repo.add_events(db, batch)
            await db.commit()
