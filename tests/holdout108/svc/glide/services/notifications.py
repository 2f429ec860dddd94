from __future__ import annotations

import logging
import uuid

import httpx

from glide.clients.messaging import PushClient, SmsClient
from glide.models import Ride
from glide.utils.values import cents_to_str

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, push: PushClient, sms: SmsClient) -> None:
        self._push = push
        self._sms = sms

    async def send_receipt(self, rider_id: uuid.UUID, ride: Ride) -> None:
        body = f"Ride {str(ride.id)[:8]}: {cents_to_str(ride.fare_cents or 0)}"
        try:
            await self._push.notify(str(rider_id), "Thanks for riding", body)
        except httpx.HTTPError:
            log.warning("receipt push failed for ride %s", ride.id, exc_info=True)

    async def ride_started(self, rider_id: uuid.UUID, qr_code: str) -> None:
        try:
            await self._push.notify(str(rider_id), "Ride started", f"Vehicle {qr_code} unlocked")
        except httpx.HTTPError:
            log.warning("ride-start push failed for %s", rider_id, exc_info=True)

    async def payment_failed(self, rider_id: uuid.UUID, ride: Ride) -> None:
        try:
            await self._push.notify(
                str(rider_id),
                "Payment failed",
                f"We could not charge {cents_to_str(ride.fare_cents or 0)} for your last ride. Top up to keep riding.",
            )
        except httpx.HTTPError:
            log.warning("payment-failed push failed for %s", rider_id, exc_info=True)

    async def damage_acknowledged(self, rider_id: uuid.UUID, qr_code: str) -> None:
        try:
            await self._push.notify(str(rider_id), "Thanks for the report", f"We'll check vehicle {qr_code} soon.")
        except httpx.HTTPError:
            log.warning("damage ack push failed for %s", rider_id, exc_info=True)

    async def fine_issued(self, rider_id: uuid.UUID, kind: str, amount_cents: int) -> None:
        labels = {"no_parking": "parking in a no-parking zone", "damage": "damage to a vehicle"}
        try:
            await self._push.notify(
                str(rider_id),
                "Fine issued",
                f"A fine of {cents_to_str(amount_cents)} was issued for {labels.get(kind, kind)}.",
            )
        except httpx.HTTPError:
            log.warning("fine push failed for %s", rider_id, exc_info=True)

    async def fine_reminder(self, phone: str, amount_cents: int) -> None:
        await self._sms.send(phone, f"Glide: you have an unpaid fine of {cents_to_str(amount_cents)}.")
