from __future__ import annotations

import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..coordination import order_lock, ticket_lock
from ..db import pool
from ..models import ResaleListing
from ..qr import new_token
from ..repositories import inventory
from ..repositories.orders import CustomerRepository
from ..repositories.resale import ResaleRepository

log = logging.getLogger(__name__)

MAX_MARKUP = 1.10


class ResaleError(Exception):
    pass


class ResaleService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient) -> None:
        self._session = session
        self._repo = ResaleRepository(session)
        self._customers = CustomerRepository(session)
        self._payments = payments

    async def list_ticket(self, ticket_id: int, seller_id: int, price_cents: int) -> ResaleListing:
        async with pool().acquire() as conn:
            ticket = await inventory.by_id(conn, ticket_id)
            face = await conn.fetchval("SELECT price_cents FROM order_items WHERE order_id = $1 AND seat_id = $2",
                                       ticket["order_id"], ticket["seat_id"]) if ticket else None
        if ticket is None or ticket["holder_customer_id"] != seller_id:
            raise ResaleError("not your ticket")
        if ticket["scanned_at"] is not None or ticket["status"] != "valid":
            raise ResaleError("ticket can no longer be resold")
        if face is not None and price_cents > int(face * MAX_MARKUP):
            raise ResaleError("price above resale cap")
        return await self._repo.create(ticket_id, ticket["event_id"], seller_id, price_cents)

    async def buy(self, listing_id: int, buyer_id: int) -> ResaleListing:
        listing = await self._repo.get(listing_id)
        if listing is None or listing.status != "active":
            raise ResaleError("listing no longer available")
        if listing.seller_id == buyer_id:
            raise ResaleError("cannot buy your own listing")

        intent = await self._payments.create_intent(listing.price_cents, "EUR", f"resale-{listing.id}-{buyer_id}")
        await self._payments.capture(intent["id"])

        try:
            async with pool().acquire() as conn:
                ticket = await inventory.by_id(conn, listing.ticket_id)
                async with ticket_lock(listing.ticket_id):
                    async with order_lock(ticket["order_id"]):
                        await inventory.reassign(conn, listing.ticket_id, buyer_id, new_token())
        except Exception as exc:
            log.exception("resale transfer failed for listing %s; refunding buyer", listing.id)
            with contextlib.suppress(Exception):
                await self._payments.refund(intent["id"], listing.price_cents, "transfer_failed")
            raise ResaleError("transfer failed") from exc
        await self._repo.mark_sold(listing.id, buyer_id)
        log.info("listing %s sold to customer %s", listing.id, buyer_id)
        return listing

    async def gift(self, ticket_id: int, from_customer: int, to_email: str) -> int:
        recipient = await self._customers.by_email(to_email)
        if recipient is None:
            raise ResaleError("recipient has no account")
        ticket = await self._repo.ticket_for_update(ticket_id)
        if ticket is None or ticket.holder_customer_id != from_customer or ticket.scanned_at is not None:
            raise ResaleError("ticket cannot be transferred")
        ticket.holder_customer_id = recipient.id
        ticket.qr_token = new_token()
        await self._session.commit()
        return recipient.id
