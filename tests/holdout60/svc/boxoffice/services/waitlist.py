from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.messaging import EmailClient, render_template
from ..config import Settings
from ..coordination import RedisRateLimiter
from ..repositories.catalog import EventRepository
from ..repositories.orders import CustomerRepository
from ..repositories.waitlist import WaitlistRepository

log = logging.getLogger(__name__)


class WaitlistClosed(Exception):
    pass


class WaitlistService:
    def __init__(self, session: AsyncSession, redis: Redis, email: EmailClient, settings: Settings) -> None:
        self._repo = WaitlistRepository(session)
        self._customers = CustomerRepository(session)
        self._events = EventRepository(session)
        self._redis = redis
        self._email = email
        self._settings = settings
        self._limiter = RedisRateLimiter(redis, "waitlist-join", limit=10, window_seconds=3600)

    async def join(self, event_id: int, customer_id: int) -> int:
        if not await self._limiter.hit(str(customer_id)):
            raise WaitlistClosed("too many waitlist requests")
        key = f"waitlist:{event_id}:next"
        current = await self._redis.get(key)
        position = int(current or 0) + 1
        await self._redis.set(key, position)
        await self._repo.add(event_id, customer_id, position)
        return position

    async def offer_seats(self, event_id: int, seat_count: int) -> int:
        entries = await self._repo.next_waiting(event_id, seat_count)
        if not entries:
            return 0
        event = await self._events.get(event_id)
        customers = await self._customers.get_many(entry.customer_id for entry in entries)
        await self._repo.mark_offered([entry.id for entry in entries], datetime.now(UTC))
        for entry in entries:
            customer = customers.get(entry.customer_id)
            if customer is None:
                continue
            html = render_template(
                "waitlist_offer",
                customer.locale,
                name=customer.name,
                title=event.title,
                minutes=self._settings.waitlist_offer_minutes,
            )
            await self._email.send(customer.email, f"Seats available: {event.title}", html)
        log.info("offered %d waitlist seats for event %s", len(entries), event_id)
        return len(entries)

    async def announce_on_sale(self, event_id: int) -> int:
        event = await self._events.get(event_id)
        entries = await self._repo.all_waiting(event_id)
        messages: list[tuple[str, str]] = []
        for entry in entries:
            customer = await self._customers.get(entry.customer_id)
            html = render_template("on_sale", customer.locale, name=customer.name, title=event.title)
            messages.append((customer.email, html))
        await asyncio.gather(*(self._email.send(to, f"On sale now: {event.title}", html) for to, html in messages))
        return len(messages)
