"""Depot scan ingestion: scanners post batches, a consumer persists them and fans out the effects."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

import redis.asyncio as redis

from svc.repositories.scans import ScanRepository
from svc.repositories.shipments import ShipmentRepository
from svc.services.tracking import TrackingService
from svc.services.webhooks import WebhookService

logger = logging.getLogger(__name__)

STATUS_FOR_EVENT: Final[Mapping[str, str]] = MappingProxyType({
    "ARRIVED_DEPOT": "at_depot", "DEPARTED_DEPOT": "in_transit", "OUT_FOR_DELIVERY": "out_for_delivery",
    "DELIVERED": "delivered", "RETURNED": "returned",
})
ALLOWED_FROM: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "at_depot": ("created", "booked", "in_transit"),
    "in_transit": ("at_depot",),
    "out_for_delivery": ("at_depot", "in_transit"),
    "delivered": ("out_for_delivery", "in_transit"),
    "returned": ("out_for_delivery", "in_transit", "at_depot"),
})


@dataclass(frozen=True, slots=True)
class ScanEvent:
    tracking_number: str
    depot_id: int
    event_code: str
    scanner_id: str
    scanned_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


class ScanIngestor:
    def __init__(self, shipments: ShipmentRepository, scans: ScanRepository, tracking: TrackingService,
                 webhooks: WebhookService, redis_client: redis.Redis) -> None:
        self._shipments, self._scans, self._tracking = shipments, scans, tracking
        self._webhooks, self._redis = webhooks, redis_client
        self._queue: asyncio.Queue[ScanEvent] = asyncio.Queue()
        self._consumer: asyncio.Task[None] | None = None

    async def submit(self, events: Sequence[ScanEvent]) -> int:
        for event in events:
            await self._queue.put(event)
        return len(events)

    def start(self) -> None:
        self._consumer = asyncio.create_task(self._consume(), name="scan-ingest")

    async def stop(self) -> None:
        if self._consumer is not None:
            self._consumer.cancel()
            await asyncio.gather(self._consumer, return_exceptions=True)

    async def _consume(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._process(event)
            except (KeyError, ValueError):
                continue
            finally:
                self._queue.task_done()

    async def _process(self, event: ScanEvent) -> None:
        dedupe_key = f"scan:{event.scanner_id}:{event.tracking_number}:{event.scanned_at.isoformat()}"
        if await self._redis.exists(dedupe_key):
            return
        shipment = await self._shipments.get_by_tracking_number(event.tracking_number)
        await self._scans.insert(shipment["id"], event.depot_id, event.event_code, event.scanner_id, event.scanned_at, event.payload)
        await self._redis.set(dedupe_key, 1, ex=86_400)

        new_status = STATUS_FOR_EVENT.get(event.event_code)
        if new_status is None:
            return
        if new_status == "delivered":
            changed = await self._shipments.mark_delivered(shipment["id"], event.scanned_at)
        else:
            changed = await self._shipments.transition(shipment["id"], ALLOWED_FROM[new_status], new_status)
        if changed:
            await self._tracking.on_scan(shipment, event.event_code, event.depot_id, event.scanned_at)
            payload = {"tracking_number": event.tracking_number, "status": new_status, "at": event.scanned_at.isoformat()}
            asyncio.create_task(self._webhooks.emit(shipment["merchant_id"], "shipment.status_changed", payload))
