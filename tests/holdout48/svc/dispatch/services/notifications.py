"""Rider/driver notifications over push, with SMS as the fallback channel."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

import aiohttp
import httpx

from dispatch.clients.push import PushClient
from dispatch.clients.sms import SMSClient
from dispatch.db.models import Driver, Rider, Trip
from dispatch.utils.metrics import NOTIFICATIONS

logger = logging.getLogger(__name__)

TEMPLATES: dict[str, tuple[str, str]] = {
    "driver_arriving": ("Your driver is arriving", "{driver} is {minutes} min away in a {vehicle}"),
    "trip_started": ("Trip started", "Enjoy your ride to {destination}"),
    "document_expiring": ("Document expiring", "Your {document} expires on {date}"),
}


def render(template: str, **params: object) -> tuple[str, str]:
    title, body = TEMPLATES[template]
    return title, body.format(**params)


class Notifier:
    def __init__(self, push: PushClient, sms: SMSClient, concurrency: int = 50) -> None:
        self._push = push
        self._sms = sms
        self._sem = asyncio.Semaphore(concurrency)

    async def _deliver(self, push_token: str | None, phone: str | None, title: str, body: str) -> bool:
        if push_token:
            try:
                await self._push.send(push_token, title, body)
                NOTIFICATIONS.labels("push", "ok").inc()
                return True
            except httpx.HTTPError as exc:
                NOTIFICATIONS.labels("push", "error").inc()
                logger.warning("push failed, falling back to sms: %s", exc)
        if phone:
            try:
                await self._sms.send(phone, f"{title}: {body}")
                NOTIFICATIONS.labels("sms", "ok").inc()
                return True
            except aiohttp.ClientError as exc:
                NOTIFICATIONS.labels("sms", "error").inc()
                logger.error("sms failed for ...%s: %s", phone[-4:], exc)
        return False

    async def driver_assigned(self, trip: Trip, driver_id: int) -> None:
        rider: Rider = trip.rider
        await self._deliver(rider.push_token, rider.phone, "Driver on the way", f"Trip #{trip.id} was accepted")

    async def trip_completed(self, trip: Trip) -> None:
        rider: Rider = trip.rider
        fare = (trip.fare_cents or 0) / 100
        await self._deliver(rider.push_token, None, "Thanks for riding", f"Your fare was ${fare:.2f}")

    async def trip_cancelled(self, trip: Trip, by: str) -> None:
        rider: Rider = trip.rider
        try:
            await self._push.send(rider.push_token or "", "Trip cancelled", f"Cancelled by {by}")
        except httpx.HTTPError:
            pass

    async def broadcast_drivers(self, drivers: Iterable[Driver], title: str, body: str) -> int:
        async def one(driver: Driver) -> bool:
            async with self._sem:
                return await self._deliver(driver.push_token, driver.phone, title, body)

        results = await asyncio.gather(*(one(d) for d in drivers))
        return sum(results)

    async def surge_alert(self, tokens: list[str], zone_id: str, multiplier: float) -> None:
        body = f"Demand is high near {zone_id} ({multiplier:.1f}x)"
        await asyncio.gather(*(self._push.send(t, "Surge nearby", body) for t in tokens))

    async def delay_notice(self, riders: list[Rider], minutes: int) -> None:
        for rider in riders:
            if rider.push_token:
                await self._push.send(rider.push_token, "Running late", f"Your driver is ~{minutes} min away")

    async def payout_sent(self, driver: Driver, amount_cents: int) -> None:
        tokens = [driver.push_token] if driver.push_token else []
        if tokens:
            await self._push.send_batch(tokens, "Payout sent", f"${amount_cents / 100:.2f} is on its way")

    async def templated(self, recipients: list[tuple[str | None, str | None]], template: str, **params: object) -> int:
        title, body = render(template, **params)
        sends = [self._limited(token, phone, title, body) for token, phone in recipients]
        results = await asyncio.gather(*sends)
        return sum(results)

    async def _limited(self, token: str | None, phone: str | None, title: str, body: str) -> bool:
        async with self._sem:
            return await self._deliver(token, phone, title, body)
