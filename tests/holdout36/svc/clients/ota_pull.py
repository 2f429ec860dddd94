"""Pull-model OTA connector: some legacy OTAs only expose an XML reservation feed."""
from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

import aiohttp

from svc.config import settings
from svc.utils.dates import parse_ota_date


@dataclass(slots=True)
class OtaReservation:
    channel: str
    external_ref: str
    hotel_code: str
    room_type: str
    rate_plan: str
    check_in: date | None
    check_out: date | None
    guest_email: str
    guest_name: str
    amount: str
    status: str


def _parse_feed(channel: str, body: bytes) -> list[OtaReservation]:
    root = ET.fromstring(body)
    items = []
    for node in root.iter("Reservation"):
        items.append(
            OtaReservation(
                channel=channel,
                external_ref=node.findtext("Id", ""),
                hotel_code=node.findtext("HotelCode", ""),
                room_type=node.findtext("RoomType", ""),
                rate_plan=node.findtext("RatePlan", ""),
                check_in=parse_ota_date(node.findtext("Arrival")),
                check_out=parse_ota_date(node.findtext("Departure")),
                guest_email=node.findtext("Guest/Email", ""),
                guest_name=node.findtext("Guest/Name", ""),
                amount=node.findtext("Total", "0"),
                status=node.findtext("Status", "new"),
            )
        )
    return items


class OtaPullClient:
    def __init__(self, channel: str) -> None:
        self.channel = channel
        self._session: aiohttp.ClientSession | None = None

    def _sess(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"Accept": "application/xml"}, connector=aiohttp.TCPConnector(limit=10)
            )
        return self._session

    async def fetch_reservations(self, hotel_code: str, since: str) -> list[OtaReservation]:
        url = f"{settings.ota_pull_url}/{self.channel}/reservations"
        async with self._sess().get(url, params={"hotel": hotel_code, "since": since}) as resp:
            resp.raise_for_status()
            body = await resp.read()
        return await asyncio.to_thread(_parse_feed, self.channel, body)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
