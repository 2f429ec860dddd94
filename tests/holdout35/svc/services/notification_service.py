"""Rider and driver notifications (push + SMS)."""
from __future__ import annotations

import logging

import httpx
import requests

from svc.config import Settings, get_settings
from svc.db.models import Trip
from svc.services.receipt_service import ReceiptService
from svc.utils.resilience import retry_async

logger = logging.getLogger(__name__)


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.sms_base_url)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, phone: str, text: str) -> None:
        async def _once() -> None:
            resp = await self._client.post("/messages", json={"to": phone, "body": text})
            resp.raise_for_status()

        await retry_async(_once, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))


class NotificationService:
    def __init__(self, sms: SmsClient, receipts: ReceiptService) -> None:
        self.sms = sms
        self.receipts = receipts

    async def push(self, device_user: str, title: str, body: str) -> None:
        settings = get_settings()
        resp = requests.post(
            settings.push_url, json={"user": device_user, "title": title, "body": body}, timeout=3
        )
        if resp.status_code >= 400:
            logger.warning("push to %s failed: %s", device_user, resp.status_code)

    async def trip_accepted(self, trip: Trip, driver_id: int) -> None:
        await self.push(f"rider:{trip.rider_id}", "Driver on the way", f"Trip {trip.id} accepted")

    async def send_receipt(self, trip: Trip) -> None:
        path = await self.receipts.store(trip)
        await self.push(f"rider:{trip.rider_id}", "Your receipt", f"Receipt ready: {path.name}")

    async def sms_rider(self, phone: str, text: str) -> None:
        try:
            await self.sms.send(phone, text)
        except Exception:
            logger.exception("sms to rider failed")
