"""Polls the carrier for parcels someone is watching live and pushes changes to the hub."""

from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from redis.exceptions import LockError

from svc.clients.carrier import CarrierClient
from svc.repositories.shipments import ShipmentRepository
from svc.services.live import WATCHED_SET, LiveHub

logger = logging.getLogger(__name__)

LOCK_NAME = "lock:watched-poller"


class WatchedShipmentPoller:
    def __init__(self, redis_client: redis.Redis, shipments: ShipmentRepository, carrier: CarrierClient, hub: LiveHub,
                 interval_s: float) -> None:
        self._redis, self._shipments, self._carrier, self._hub = redis_client, shipments, carrier, hub
        self._interval = interval_s

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            lock = self._redis.lock(LOCK_NAME, timeout=self._interval * 2)
            try:
                if await lock.acquire(blocking=False):
                    try:
                        await self._poll_once()
                    finally:
                        await lock.release()
            except LockError:
                logger.warning("poller lock expired before release")
            except Exception:
                logger.exception("watched-shipment poll failed")
            await asyncio.sleep(self._interval)

    async def _poll_once(self) -> None:
        watched = await self._redis.smembers(WATCHED_SET)
        if not watched:
            return
        rows = await self._shipments.get_many_by_tracking_numbers(sorted(watched))
        by_reference = {row["carrier_reference"]: row for row in rows if row["carrier_reference"] and row["carrier_code"] == CarrierClient.code}
        if not by_reference:
            return
        events = await self._carrier.tracking_events_bulk(list(by_reference))
        for reference, items in events.items():
            if not items:
                continue
            latest = items[-1]
            row = by_reference[reference]
            self._hub.publish({"tracking_number": row["tracking_number"], "code": latest["code"], "at": latest["timestamp"], "carrier": True})
