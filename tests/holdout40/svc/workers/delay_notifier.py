"""Sends SMS to passengers of delayed flights as delay events are recorded."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..db.engine import sessionmaker
from ..db.models import Passenger
from ..integrations.clients import SmsGateway
from ..repositories import bookings as bookings_repo
from ..repositories import flights as flights_repo
from ..repositories import outbox as outbox_repo

log = logging.getLogger(__name__)


class DelayNotifier:
    def __init__(self, sms: SmsGateway, interval: float = 10.0) -> None:
        self._sms = sms
        self._interval = interval
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    async def run(self) -> None:
        while not self._stopping:
            events = await outbox_repo.pending_delays()
            for event in events:
                await self._notify_flight(event)
            if events:
                await outbox_repo.mark_delays_notified([e["id"] for e in events])
            await asyncio.sleep(self._interval)

    async def _notify_flight(self, event: Any) -> None:
        async with sessionmaker()() as session:
            flight = await flights_repo.get(session, event["flight_id"])
            if flight is None:
                return
            bookings = await bookings_repo.for_flight(session, flight.id)
            phones: list[str] = []
            for booking in bookings:
                pax = await session.get(Passenger, booking.passenger_id)
                if pax is not None and pax.phone:
                    phones.append(pax.phone)
        text = (
            f"{flight.flight_no} {flight.origin}-{flight.destination} is delayed by "
            f"{event['delay_min']} min. New departure {flight.est_dep:%H:%M}."
        )
        await asyncio.gather(*(self._sms.send(phone, text) for phone in phones))
