"""Ticket issuance, delivery artefacts, transfers and gate scanning."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import Any

import asyncpg
import bcrypt
from starlette.concurrency import run_in_threadpool

from svc.config import settings
from svc.errors import NotFound, TicketAlreadyUsed
from svc.repos import orders as orders_repo
from svc.services.artefacts import TicketView, build_pkpass, render_qr_png, render_ticket_pdf

logger = logging.getLogger(__name__)

_VIEW_SQL = """
SELECT t.id, t.barcode, t.holder_name, e.title, e.starts_at, v.name AS venue,
       s.section, s.row_label, s.number
FROM tickets t
JOIN orders o ON o.id = t.order_id
JOIN events e ON e.id = o.event_id
JOIN venues v ON v.id = e.venue_id
JOIN seats s ON s.id = t.seat_id
WHERE t.id = $1
"""


def make_barcode(order_id: int, seat_id: int) -> str:
    msg = f"{order_id}:{seat_id}".encode()
    digest = hmac.new(settings.ticket_signing_key.encode(), msg, hashlib.sha256).hexdigest()[:20]
    return f"T{order_id:08d}{seat_id:06d}{digest}"


def hash_transfer_pin(pin: str) -> str:
    return bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds=12)).decode()


class TicketService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _view(self, ticket_id: int) -> TicketView:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            row = await conn.fetchrow(_VIEW_SQL, ticket_id)
        if row is None:
            raise NotFound(f"ticket {ticket_id} not found")
        return TicketView(
            ticket_id=row["id"],
            barcode=row["barcode"],
            event_title=row["title"],
            starts_at=row["starts_at"].isoformat(),
            venue=row["venue"],
            seat_label=f"{row['section']} {row['row_label']}{row['number']}",
            holder_name=row["holder_name"],
        )

    async def pdf(self, ticket_id: int) -> bytes:
        view = await self._view(ticket_id)
        qr_png = await asyncio.to_thread(render_qr_png, view.barcode)
        return await run_in_threadpool(render_ticket_pdf, view, qr_png)

    async def wallet_pass(self, ticket_id: int) -> bytes:
        view = await self._view(ticket_id)
        return build_pkpass(view)

    async def issue(self, conn: asyncpg.Connection, order_id: int, seat_ids: list[int]) -> list[str]:
        barcodes = [make_barcode(order_id, seat_id) for seat_id in seat_ids]
        await orders_repo.insert_tickets(conn, zip([order_id] * len(seat_ids), seat_ids, barcodes))
        return barcodes

    async def start_transfer(self, ticket_id: int, pin: str) -> None:
        pin_hash = hash_transfer_pin(pin)
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.execute("UPDATE tickets SET transfer_pin_hash = $2 WHERE id = $1", ticket_id, pin_hash)

    async def scan(self, barcode: str, gate: str) -> dict[str, Any]:
        async with self._pool.acquire() as conn:
            row = await orders_repo.ticket_by_barcode(conn, barcode)
            if row is None:
                raise NotFound("unknown ticket")
            if row["scanned_at"] is not None:
                raise TicketAlreadyUsed(f"ticket already scanned at {row['scanned_at']:%H:%M}")
            await orders_repo.mark_scanned(conn, row["id"])
        logger.info("ticket %s admitted at gate %s", row["id"], gate)
        return {"ticket_id": row["id"], "seat_id": row["seat_id"], "gate": gate}

    async def customer_orders(self, email: str) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            orders = await orders_repo.orders_for_customer(conn, email)
            result = []
            for order in orders:
                tickets = await orders_repo.tickets_for_order(conn, order["id"])
                result.append({**dict(order), "tickets": [dict(t) for t in tickets]})
        return result

    async def resend(self, order_id: int) -> list[int]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            order = await orders_repo.get_order(conn, order_id, for_update=True)
            tickets = await orders_repo.tickets_for_order(conn, order["id"])
        return [t["id"] for t in tickets]
