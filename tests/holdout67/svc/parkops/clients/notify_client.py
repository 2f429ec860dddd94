"""Citizen notifications: SMS/push through the city's notify service, letters via print vendor."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import httpx
import requests

from ..config import Settings

if TYPE_CHECKING:
    from ..models import Fine

log = logging.getLogger(__name__)


class NotifyClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.notify_base_url)
        self._letters_url = settings.letters_url

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send_sms(self, phone: str, text: str, *, sender: str = "ParkCity") -> None:
        resp = await self._client.post("/sms", json={"to": phone, "text": text, "from": sender})
        resp.raise_for_status()

    async def send_receipt(self, user_id: int, session_id: int, amount_cents: int) -> None:
        resp = await self._client.post(
            "/push", json={"user": user_id, "template": "receipt", "data": {"session": session_id, "amount": amount_cents}}
        )
        resp.raise_for_status()

    async def fine_issued(self, fine: Fine) -> None:
        resp = await self._client.post(
            "/push", json={"plate": fine.plate, "template": "fine_issued", "data": {"reference": fine.reference}}
        )
        resp.raise_for_status()

    async def send_letter(self, address: dict[str, str], pdf: bytes, reference: str) -> None:
        files = {"document": (f"{reference}.pdf", pdf, "application/pdf")}
        resp = requests.post(self._letters_url, data=address, files=files, timeout=20)
        resp.raise_for_status()
        log.info("letter queued for %s", reference)
