"""Public tracking snapshots and the side effects of a new scan (cache, live updates, SMS)."""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

import asyncpg
import httpx

from svc.cache import TrackingCache
from svc.repositories.scans import ScanRepository
from svc.repositories.shipments import ShipmentRepository
from svc.services.live import LiveHub

logger = logging.getLogger(__name__)

TERMINAL_STATUSES = frozenset({"delivered", "returned", "cancelled"})
PUBLIC_STATUS_LABELS: Mapping[str, str] = {
    "created": "Label created",
    "booked": "Awaiting collection",
    "at_depot": "At our depot",
    "in_transit": "On its way",
    "out_for_delivery": "Out for delivery",
    "delivered": "Delivered",
    "returned": "Returned to sender",
    "cancelled": "Cancelled",
}

_status_overrides: dict[str, str] = {}


def set_status_override(tracking_number: str, label: str) -> None:
    """Customer-service override of the public status text (e.g. 'Delayed by weather')."""
    _status_overrides[tracking_number] = label


def clear_status_override(tracking_number: str) -> None:
    _status_overrides.pop(tracking_number, None)


class TrackingEventSource(Protocol):
    async def tracking_events(self, reference: str) -> list[dict[str, Any]]: ...


class SmsNotifier:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key

    async def send(self, phone: str, text: str) -> None:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=5.0) as client:
            response = await client.post("/messages", json={"to": phone, "body": text}, headers={"Authorization": f"Bearer {self._api_key}"})
            response.raise_for_status()


class TrackingService:
    def __init__(self, shipments: ShipmentRepository, scans: ScanRepository, cache: TrackingCache,
                 carriers: Mapping[str, TrackingEventSource], hub: LiveHub, sms: SmsNotifier) -> None:
        self._shipments, self._scans, self._cache = shipments, scans, cache
        self._carriers, self._hub, self._sms = carriers, hub, sms

    async def snapshot(self, tracking_number: str) -> dict[str, Any]:
        cached = await self._cache.get(tracking_number)
        if cached is not None:
            return copy.deepcopy(cached)
        shipment = await self._shipments.get_by_tracking_number(tracking_number)
        history = await self._scans.history(shipment["id"])
        carrier_events: list[dict[str, Any]] = []
        if shipment["carrier_reference"]:
            source = self._carriers[shipment["carrier_code"]]
            carrier_events = await source.tracking_events(shipment["carrier_reference"])
        events = [{"code": s["event_code"], "at": s["scanned_at"], "depot_id": s["depot_id"]} for s in history]
        events += [{"code": e["code"], "at": e["timestamp"], "carrier": True} for e in carrier_events]
        label = _status_overrides.get(tracking_number, PUBLIC_STATUS_LABELS.get(shipment["status"], shipment["status"]))
        snapshot = {"tracking_number": tracking_number, "status": label, "delivered_at": shipment["delivered_at"], "events": events}
        await self._cache.put(tracking_number, snapshot)
        return snapshot

    async def on_scan(self, shipment: asyncpg.Record, event_code: str, depot_id: int, scanned_at: datetime) -> None:
        tracking_number = shipment["tracking_number"]
        self._cache.invalidate(tracking_number)
        await self._hub.publish({"tracking_number": tracking_number, "code": event_code, "depot_id": depot_id, "at": scanned_at.isoformat()})
        if event_code == "OUT_FOR_DELIVERY" and shipment["recipient_phone"]:
            try:
                await self._sms.send(shipment["recipient_phone"], f"Your parcel {tracking_number} is out for delivery today.")
            except httpx.HTTPError:
                logger.warning("SMS notification failed for %s", tracking_number, exc_info=True)
