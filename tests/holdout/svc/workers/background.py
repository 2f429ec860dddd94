from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from svc.db.models import Shipment
from svc.db.repositories import ShipmentRepository, TrackingEventRepository
from svc.db.session import SessionLocal
from svc.realtime import TrackingHub
from svc.services.carrier_gateway import CarrierGateway, CarrierStatus

logger = logging.getLogger(__name__)

ETA_CONCURRENCY = 8


async def _fetch_statuses(
    gateway: CarrierGateway, shipments: Sequence[Shipment], limit: int = ETA_CONCURRENCY
) -> list[CarrierStatus | BaseException]:
    sem = asyncio.Semaphore(limit)

    async def one(shipment: Shipment) -> CarrierStatus:
        async with sem:
            return await gateway.fetch_status(shipment.carrier.code, shipment.tracking_number)

    return await asyncio.gather(*(one(s) for s in shipments), return_exceptions=True)


async def refresh_eta_loop(gateway: CarrierGateway, interval: float) -> None:
    """Keeps the ETA of open shipments close to what the carriers report."""
    while True:
        async with SessionLocal() as session:
            due = await ShipmentRepository(session).list_open(limit=500)
            statuses = await _fetch_statuses(gateway, due)
            changed = 0
            for shipment, result in zip(due, statuses):
                if isinstance(result, BaseException):
                    continue
                if result.eta is not None and result.eta != shipment.eta:
                    shipment.eta = result.eta
                    changed += 1
            await session.commit()
        logger.info("eta refresh: %d of %d shipments updated", changed, len(due))
        await asyncio.sleep(interval)


def event_payload(event: Any, tracking_number: str) -> dict[str, Any]:
    return {
        "type": "event",
        "tracking_number": tracking_number,
        "status": event.status,
        "description": event.description,
        "location": event.location,
        "occurred_at": event.occurred_at.isoformat(),
    }


class TrackingFanout:
    """Streams newly stored tracking events from the database to the in-process hub.

    Every API replica runs one of these so websocket clients see events no
    matter which replica received the carrier webhook.
    """

    def __init__(self, hub: TrackingHub, poll_interval: float) -> None:
        self._hub = hub
        self._poll_interval = poll_interval
        self._queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self._stopping = asyncio.Event()
        self._cursor = 0
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        async with SessionLocal() as session:
            self._cursor = await TrackingEventRepository(session).max_id()
        self._tasks = [
            asyncio.create_task(self._produce(), name="fanout-producer"),
            asyncio.create_task(self._consume(), name="fanout-consumer"),
        ]

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _produce(self) -> None:
        while not self._stopping.is_set():
            try:
                async with SessionLocal() as session:
                    rows = await TrackingEventRepository(session).newer_than(self._cursor)
            except Exception:
                logger.exception("fanout poll failed")
                await asyncio.sleep(self._poll_interval * 5)
                continue
            for event, tracking_number in rows:
                self._cursor = max(self._cursor, event.id)
                await self._queue.put((tracking_number, event_payload(event, tracking_number)))
            if not rows:
                await asyncio.sleep(self._poll_interval)

    async def _consume(self) -> None:
        while not self._stopping.is_set():
            tracking_number, payload = await self._queue.get()
            self._hub.publish(tracking_number, payload)
            if payload["status"] in ("delivered", "returned"):
                self._hub.schedule_close(tracking_number)
            self._queue.task_done()
