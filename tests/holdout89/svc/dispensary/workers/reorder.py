"""Raises reorder requests for stock below its reorder point and places them with the wholesaler."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from dispensary.container import Container
from dispensary.db.models import ReorderRequest
from dispensary.repositories.stock import StockRepository

logger = logging.getLogger(__name__)

_PENDING_SQL = "SELECT id, branch_id, drug_code, quantity FROM reorder_requests WHERE status = 'pending' ORDER BY id LIMIT 100"


class ReorderWorker:
    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_once(self) -> None:
        raised = await self._raise_requests()
        placed = await self._place_pending()
        logger.info("reorder cycle: %d requests raised, %d orders placed", raised, placed)

    async def _raise_requests(self) -> int:
        async with self._c.sessions() as session, session.begin():
            repo = StockRepository(session)
            open_requests = await session.execute(
                select(ReorderRequest.branch_id, ReorderRequest.drug_code).where(
                    ReorderRequest.status.in_(("pending", "ordered"))
                )
            )
            open_pairs = {(row.branch_id, row.drug_code) for row in open_requests}
            lows = [low for low in await repo.below_reorder_point() if (low[0], low[1]) not in open_pairs]
            catalog = await asyncio.gather(*(self._c.wholesaler.catalog_entry(low[1]) for low in lows))
            for (branch_id, drug_code, on_hand, reorder_point), entry in zip(lows, catalog):
                pack = int(entry["pack_size"])
                wanted = max(reorder_point * 2 - on_hand, pack)
                await repo.add_reorder_request(branch_id, drug_code, -(-wanted // pack) * pack)
        return len(lows)

    async def _place_pending(self) -> int:
        async with self._c.pg_pool.acquire(timeout=10) as conn:
            pending = await conn.fetch(_PENDING_SQL)
        placed = 0
        for request in pending:
            order = await self._c.wholesaler.place_order(
                {
                    "account_branch": request["branch_id"],
                    "lines": [{"product": request["drug_code"], "quantity": request["quantity"]}],
                }
            )
            async with self._c.pg_pool.acquire(timeout=10) as conn:
                await conn.execute(
                    "UPDATE reorder_requests SET status = 'ordered', wholesaler_order_ref = $2, updated_at = now() "
                    "WHERE id = $1",
                    request["id"],
                    order["order_ref"],
                )
            placed += 1
        return placed

