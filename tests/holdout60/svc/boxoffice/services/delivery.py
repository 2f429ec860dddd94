from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.messaging import EmailClient, SmsClient, render_confirmation
from ..config import Settings
from ..db import pool
from ..observability import DELIVERIES
from ..qr import render_qr_png, ticket_payload
from ..repositories import inventory
from ..repositories.catalog import EventRepository
from ..repositories.orders import CustomerRepository, OrderRepository

log = logging.getLogger(__name__)


class DeliveryService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        email: EmailClient,
        sms: SmsClient,
        settings: Settings,
    ) -> None:
        self._session_factory = session_factory
        self._email = email
        self._sms = sms
        self._settings = settings

    async def deliver_order(self, order_id: int) -> None:
        async with self._session_factory() as session:
            order = await OrderRepository(session).get(order_id)
            if order is None:
                log.warning("delivery requested for missing order %s", order_id)
                return
            customer = await CustomerRepository(session).get(order.customer_id)
            event = await EventRepository(session).get(order.event_id)
        async with pool().acquire() as conn:
            tickets = await inventory.for_order(conn, order_id)

        attachments: dict[str, bytes] = {}
        for ticket in tickets:
            payload = ticket_payload(ticket["event_id"], ticket["qr_token"], self._settings.ticket_signing_key)
            attachments[f"ticket-{ticket['id']}.png"] = render_qr_png(payload)

        html = render_confirmation(customer.locale, customer.name, event.title)
        await self._email.send(customer.email, f"Your tickets: {event.title}", html, attachments)
        DELIVERIES.labels("email", "sent").inc()

        if customer.phone:
            try:
                await self._sms.send(customer.phone, f"Your {len(tickets)} ticket(s) for {event.title} are in your inbox.")
                DELIVERIES.labels("sms", "sent").inc()
            except Exception:
                pass

    async def resend(self, order_ids: Sequence[int], concurrency: int = 8) -> None:
        semaphore = asyncio.Semaphore(concurrency)

        async def one(order_id: int) -> None:
            async with semaphore:
                await self.deliver_order(order_id)

        await asyncio.gather(*(one(order_id) for order_id in order_ids))
