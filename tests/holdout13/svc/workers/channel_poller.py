"""Pulls new bookings from the channel manager and applies them locally."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from svc.clients.channel_manager import ChannelManagerClient
from svc.repos.reservations import ReservationRepository

logger = logging.getLogger(__name__)


class ChannelPoller:
    def __init__(self, client: ChannelManagerClient, repo: ReservationRepository, interval: float = 60.0) -> None:
        self._client = client
        self._repo = repo
        self._interval = interval
        self._since = datetime.now(timezone.utc) - timedelta(hours=1)

    async def poll_once(self) -> int:
        bookings = await self._client.fetch_bookings(self._since)
        received = datetime.now(timezone.utc)
        for booking in bookings:
            await self._repo.record_channel_booking(booking, received)
        self._since = received
        return len(bookings)

    async def run(self) -> None:
        while True:
            count = await self.poll_once()
            if count:
                logger.info("applied %d channel bookings", count)
            await asyncio.sleep(self._interval)
