"""Shipment lifecycle: creation and booking, quotes, cancellation and merchant exports."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import aiohttp
import requests

from svc.clients.address import AddressValidator
from svc.clients.carrier import CarrierClient
from svc.clients.geocoder import Geocoder
from svc.clients.swiftpost import SwiftpostClient
from svc.db.database import Database
from svc.errors import InvalidTransitionError, NotFoundError, ValidationFailedError
from svc.repositories.scans import ScanRepository
from svc.repositories.shipments import ShipmentRepository
from svc.services.tracking import TERMINAL_STATUSES

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ShipmentRequest:
    recipient_name: str
    recipient_phone: str | None
    line1: str
    postcode: str
    country: str
    weight_grams: int
    origin_depot_id: int


def _check_digit(value: int) -> int:
    weights = (8, 6, 4, 2, 3, 5, 9, 7)
    digits = f"{value:08d}"[-8:]
    total = sum(int(d) * w for d, w in zip(digits, weights))
    remainder = 11 - total % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


class TrackingNumberAllocator:
    """Hands out tracking numbers from blocks reserved through a database sequence."""

    BLOCK = 500

    def __init__(self, db: Database, prefix: str = "NL") -> None:
        self._db = db
        self._prefix = prefix
        self._lock = threading.Lock()
        self._next = 0
        self._ceiling = 0

    async def next(self) -> str:
        with self._lock:
            if self._next >= self._ceiling:
                block = await self._db.fetchval("SELECT nextval('tracking_block_seq')")
                self._next = block * self.BLOCK
                self._ceiling = self._next + self.BLOCK
            value = self._next
            self._next += 1
        return f"{self._prefix}{value:010d}{_check_digit(value)}GB"


def table_rate(weight_grams: int) -> Decimal:
    bands = ((1000, Decimal("3.95")), (5000, Decimal("6.50")), (15000, Decimal("9.90")))
    for limit, price in bands:
        if weight_grams <= limit:
            return price
    return Decimal("18.00")


class ShipmentService:
    def __init__(self, shipments: ShipmentRepository, scans: ScanRepository, carrier: CarrierClient, swiftpost: SwiftpostClient,
                 address: AddressValidator, geocoder: Geocoder, allocator: TrackingNumberAllocator) -> None:
        self._shipments, self._scans, self._carrier, self._swiftpost = shipments, scans, carrier, swiftpost
        self._address, self._geocoder, self._allocator = address, geocoder, allocator
        self._quote_cache: dict[tuple[str, str, int], Decimal] = {}

    async def _verified_address(self, req: ShipmentRequest) -> tuple[str, str]:
        try:
            verdict = await self._address.validate(req.line1, req.postcode, req.country)
        except requests.RequestException as exc:
            logger.warning("address validation unavailable, accepting address as entered: %s", exc)
            return req.line1, req.postcode
        if not verdict.valid:
            raise ValidationFailedError("address could not be validated", details={"postcode": req.postcode})
        return verdict.normalised_line1 or req.line1, verdict.normalised_postcode or req.postcode

    async def create(self, merchant_id: int, req: ShipmentRequest) -> dict[str, Any]:
        line1, postcode = await self._verified_address(req)
        coords = await self._geocoder.geocode(line1, postcode, req.country)
        tracking_number = await self._allocator.next()
        row = await self._shipments.insert({
            "tracking_number": tracking_number, "merchant_id": merchant_id, "carrier_code": CarrierClient.code,
            "status": "created", "recipient_name": req.recipient_name, "recipient_phone": req.recipient_phone,
            "destination_line1": line1, "destination_postcode": postcode, "destination_country": req.country,
            "latitude": coords[0] if coords else None, "longitude": coords[1] if coords else None,
            "origin_depot_id": req.origin_depot_id, "weight_grams": req.weight_grams,
        })
        booking = await self._carrier.book(
            {"reference": tracking_number, "postcode": postcode, "country": req.country, "grams": req.weight_grams},
            idempotency_key=tracking_number,
        )
        await self._shipments.attach_booking(row["id"], booking.reference)
        return {"tracking_number": tracking_number, "carrier_reference": booking.reference, "label_url": booking.label_url}

    async def quote(self, origin_postcode: str, destination_postcode: str, weight_grams: int) -> Decimal:
        key = (origin_postcode, destination_postcode, weight_grams)
        cached = self._quote_cache.get(key)
        if cached is not None:
            return cached
        try:
            price = await self._swiftpost.quote(origin_postcode, destination_postcode, weight_grams)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            logger.warning("swiftpost rates unavailable, using table rate for %s grams", weight_grams)
            return table_rate(weight_grams)
        self._quote_cache[key] = price
        return price

    async def cancel(self, merchant_id: int, tracking_number: str) -> None:
        shipment = await self._shipments.get_by_tracking_number(tracking_number)
        if shipment["merchant_id"] != merchant_id:
            raise NotFoundError(f"shipment {tracking_number} not found")
        current = await self._shipments.current_status(shipment["id"])
        if current in TERMINAL_STATUSES or current == "in_transit":
            raise InvalidTransitionError(f"shipment {tracking_number} can no longer be cancelled")
        if shipment["carrier_reference"] and shipment["carrier_code"] == CarrierClient.code:
            await self._carrier.cancel(shipment["carrier_reference"])
        await self._shipments.set_status(shipment["id"], "cancelled")

    async def page(self, merchant_id: int, before: datetime | None, limit: int) -> list[dict[str, Any]]:
        rows = await self._shipments.list_for_merchant(merchant_id, before=before or datetime.now(timezone.utc), limit=limit)
        latest = await self._scans.latest_for_many([row["id"] for row in rows])
        return [_summary(row, latest.get(row["id"])) for row in rows]

    async def export(self, merchant_id: int, before: datetime, limit: int = 2000) -> list[dict[str, Any]]:
        rows = await self._shipments.list_for_merchant(merchant_id, before=before, limit=limit)
        exported = []
        for row in rows:
            last_scan = await self._scans.latest_for(row["id"])
            exported.append(_summary(row, last_scan))
        return exported


def _summary(row: Any, last_scan: Any | None) -> dict[str, Any]:
    scan = None if last_scan is None else {"code": last_scan["event_code"], "at": last_scan["scanned_at"]}
    return {"tracking_number": row["tracking_number"], "status": row["status"], "created_at": row["created_at"], "last_scan": scan}
