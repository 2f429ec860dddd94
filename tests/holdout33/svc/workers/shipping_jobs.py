"""Periodic shipping jobs: failed-label retries and tracking refresh."""
from __future__ import annotations

import contextlib
import logging

from redis.asyncio import Redis
from redis.exceptions import LockError

from ..clients.base import OpsNotifier
from ..db.engine import SessionLocal
from ..errors import CarrierError
from ..repositories import shipment_repo
from ..services.labels_service import LabelService

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
TERMINAL = {"delivered": "delivered", "returned": "returned", "lost": "exception"}


class LabelRetryWorker:
    def __init__(self, labels: LabelService, notifier: OpsNotifier) -> None:
        self._labels = labels
        self._notifier = notifier

    async def run_once(self) -> None:
        exhausted: list[int] = []
        async with SessionLocal() as session:
            shipments = await shipment_repo.claim_failed_labels(session, limit=20)
            for shipment in shipments:
                try:
                    await self._labels.purchase_for_shipment(session, shipment)
                except CarrierError:
                    shipment.attempts += 1
                    if shipment.attempts >= MAX_ATTEMPTS:
                        exhausted.append(shipment.order_id)
                    continue
            await session.commit()
        if exhausted:
            await self._notifier.alert("label purchase retries exhausted", orders=", ".join(map(str, exhausted)))


class TrackingPoller:
    def __init__(self, redis: Redis, labels: LabelService) -> None:
        self._redis = redis
        self._labels = labels

    async def poll(self) -> None:
        lock = self._redis.lock("wms:lock:tracking-poll", timeout=300, blocking=False)
        if not await lock.acquire():
            return
        try:
            async with SessionLocal() as session:
                shipments = [s for s in await shipment_repo.in_transit(session, limit=200) if s.tracking_number]
                results = await self._labels.refresh_tracking(shipments)
                changed = 0
                for shipment, info in zip(shipments, results):
                    if isinstance(info, BaseException):
                        log.info("tracking refresh failed for %s: %r", shipment.tracking_number, info)
                        continue
                    status = TERMINAL.get(info.get("status", ""))
                    if status and shipment.status != status:
                        shipment.status = status
                        changed += 1
                await session.commit()
            log.info("tracking poll updated %d of %d shipments", changed, len(shipments))
        finally:
            with contextlib.suppress(LockError):
                await lock.release()
