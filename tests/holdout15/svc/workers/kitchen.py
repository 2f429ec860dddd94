"""Kitchen tickets: print accepted orders, and re-alert screens about tickets that never printed."""
from __future__ import annotations

import asyncio
import logging

from svc.clients.printer import TicketPrinter
from svc.db.stores import Database
from svc.realtime import kitchen_screens
from svc.repositories.orders import OrderRepository

logger = logging.getLogger(__name__)


class KitchenTicketDispatcher:
    def __init__(self, db: Database, orders: OrderRepository, printer: TicketPrinter) -> None:
        self._db = db
        self._orders = orders
        self._printer = printer
        self._queue: asyncio.Queue[int] = asyncio.Queue()
        self._stopped = asyncio.Event()

    def stop(self) -> None:
        self._stopped.set()

    def enqueue(self, order_id: int) -> None:
        self._queue.put_nowait(order_id)

    async def run(self) -> None:
        while not self._stopped.is_set():
            order_id = await self._queue.get()
            try:
                ticket = await self._render(order_id)
                self._printer.print_ticket(ticket)
                await self._set_status(order_id, "printed")
            except Exception:
                await self._set_status(order_id, "failed")
            finally:
                self._queue.task_done()

    async def _render(self, order_id: int) -> str:
        items = await self._orders.items_for_order(order_id)
        lines = [f"ORDER #{order_id}", "-" * 24]
        lines.extend(f"{row['quantity']:>2} x {row['name']}" for row in items)
        return "\n".join(lines) + "\n\n\n"

    async def _set_status(self, order_id: int, status: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                """
                INSERT INTO kitchen_tickets (order_id, restaurant_id, status, printed_at)
                SELECT id, restaurant_id, $2, CASE WHEN $2 = 'printed' THEN now() END FROM orders WHERE id = $1
                ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, printed_at = EXCLUDED.printed_at
                """,
                order_id,
                status,
            )


async def alert_unprinted(db: Database, orders: OrderRepository, interval: float = 30.0) -> None:
    """Tickets stuck as failed/queued for two minutes are shown on the kitchen screens."""
    while True:
        async with db.connection() as conn:
            stuck = await conn.fetch(
                "SELECT order_id, restaurant_id FROM kitchen_tickets "
                "WHERE status = 'failed' AND created_at < now() - interval '2 minutes' "
                "ORDER BY created_at LIMIT 200"
            )
        for ticket in stuck:
            items = await orders.items_for_order(ticket["order_id"])
            await kitchen_screens.push_ticket(
                ticket["restaurant_id"],
                {
                    "order_id": ticket["order_id"],
                    "alert": "not printed",
                    "items": [{"name": r["name"], "quantity": r["quantity"]} for r in items],
                },
            )
        await asyncio.sleep(interval)
