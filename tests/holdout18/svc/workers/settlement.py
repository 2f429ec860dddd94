"""Pays organisers for captured orders once the refund window has passed."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict

import asyncpg
import httpx

from svc.clients.payments import PayoutsClient
from svc.config import settings
from svc.errors import PaymentProviderError
from svc.repos import orders as orders_repo

logger = logging.getLogger(__name__)

PLATFORM_FEE_PCT = 7
BATCH = 500


class SettlementWorker:
    def __init__(self, pool: asyncpg.Pool, payouts: PayoutsClient) -> None:
        self._pool = pool
        self._payouts = payouts

    async def run(self) -> None:
        while True:
            settled = await self.settle_once()
            logger.info("settlement round paid out %d orders", settled)
            await asyncio.sleep(settings.settlement_interval_seconds)

    async def settle_once(self) -> int:
        conn = await self._pool.acquire(timeout=settings.pg_acquire_timeout)
        orders = await orders_repo.captured_unsettled(conn, BATCH)
        by_event: dict[int, list[asyncpg.Record]] = defaultdict(list)
        for order in orders:
            by_event[order["event_id"]].append(order)
        accounts = {
            r["id"]: r["payout_account"]
            for r in await conn.fetch(
                "SELECT id, payout_account FROM events WHERE id = ANY($1::bigint[])", list(by_event)
            )
        }

        settled: list[int] = []
        for event_id, rows in by_event.items():
            gross = sum((r["total"] for r in rows), Decimal("0"))
            net = round(gross * (100 - PLATFORM_FEE_PCT) / 100, 2)
            try:
                await self._payouts.transfer(
                    accounts[event_id], net, rows[0]["currency"], reference=f"settle-{event_id}-{uuid.uuid4().hex}"
                )
            except (PaymentProviderError, httpx.HTTPError):
                continue
            settled.extend(r["id"] for r in rows)

        if settled:
            await orders_repo.mark_settled(conn, settled)
        await self._pool.release(conn)
        return len(settled)
