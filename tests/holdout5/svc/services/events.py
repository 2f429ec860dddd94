"""Ride events published on the bus; every gateway replica relays them to its sockets."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from svc.cache.redis import bus

log = logging.getLogger(__name__)


def ride_channel(ride_id: int) -> str:
    return f"ride:{ride_id}"


def driver_channel(driver_id: int) -> str:
    return f"driver:{driver_id}"


async def publish_ride_event(ride_id: int, kind: str, **data: object) -> None:
    payload = {"ride_id": ride_id, "kind": kind, "at": datetime.now(timezone.utc).isoformat(), **data}
    await bus.publish(ride_channel(ride_id), json.dumps(payload, default=str))


async def publish_driver_event(driver_id: int, kind: str, **data: object) -> None:
    payload = {"driver_id": driver_id, "kind": kind, **data}
    await bus.publish(driver_channel(driver_id), json.dumps(payload, default=str))
