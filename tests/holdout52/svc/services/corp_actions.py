from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import asyncpg

from ..db.pg import pool
from ..repositories import corp_actions as ca_repo
from ..repositories import positions as positions_repo
from ..utils.locks import account_lock, symbol_lock
from .fills import settle_dividend

log = logging.getLogger(__name__)

_MAX_PARALLEL_HOLDERS = 20


async def _apply_split_to_holder(symbol: str, holder: asyncpg.Record, num: int, den: int) -> None:
    async with pool().acquire(timeout=5) as conn:
        await positions_repo.rescale(conn, holder["account_id"], symbol, num, den)


async def apply_split(action: asyncpg.Record) -> int:
    symbol = action["symbol"]
    holders = await positions_repo.holders_of(symbol)
    gate = asyncio.Semaphore(_MAX_PARALLEL_HOLDERS)

    async def one(holder: asyncpg.Record) -> None:
        async with gate:
            await _apply_split_to_holder(symbol, holder, action["ratio_numerator"], action["ratio_denominator"])

    async with symbol_lock(symbol):
        await asyncio.gather(*(one(h) for h in holders))
    return len(holders)


async def apply_cash_dividend(action: asyncpg.Record) -> int:
    symbol = action["symbol"]
    per_share = Decimal(action["cash_amount"])
    holders = await positions_repo.holders_of(symbol)
    paid = 0
    async with symbol_lock(symbol):
        for holder in holders:
            amount = (per_share * holder["quantity"]).quantize(Decimal("0.01"))
            async with account_lock(holder["account_id"]):
                async with pool().acquire(timeout=5) as conn:
                    try:
                        async with conn.transaction():
                            await settle_dividend(conn, holder["account_id"], amount, f"div:{action['id']}:{holder['account_id']}")
                    except asyncpg.UniqueViolationError:
                        # already credited by an earlier run
                        continue
            paid += 1
    return paid


async def process_action(action: asyncpg.Record) -> None:
    if action["action_type"] == "split":
        count = await apply_split(action)
    elif action["action_type"] == "cash_dividend":
        count = await apply_cash_dividend(action)
    else:
        log.warning("unsupported corporate action %s (%s)", action["id"], action["action_type"])
        return
    async with pool().acquire(timeout=5) as conn:
        await ca_repo.mark_processed(conn, action["id"])
    log.info("corporate action %s applied to %d holders", action["id"], count)
