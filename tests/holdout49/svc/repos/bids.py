"""Raw SQL for bids; the bid path runs on asyncpg for latency."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.db.engine import pg


@dataclass(slots=True, frozen=True)
class BidRow:
    id: int
    lot_id: int
    bidder_id: int
    amount_cents: int
    placed_at: datetime


def _row(r: asyncpg.Record) -> BidRow:
    return BidRow(r["id"], r["lot_id"], r["bidder_id"], r["amount_cents"], r["placed_at"])


async def insert_bid(conn: asyncpg.Connection, lot_id: int, bidder_id: int, amount_cents: int,
                     fraud_score: float | None) -> BidRow:
    rec = await conn.fetchrow(
        """
        INSERT INTO bids (lot_id, bidder_id, amount_cents, fraud_score)
        VALUES ($1, $2, $3, $4)
        RETURNING id, lot_id, bidder_id, amount_cents, placed_at
        """,
        lot_id, bidder_id, amount_cents, fraud_score,
    )
    return _row(rec)


async def top_bids(lot_id: int, limit: int = 20) -> list[BidRow]:
    async with pg.acquire() as conn:
        rows = await conn.fetch(
            "SELECT id, lot_id, bidder_id, amount_cents, placed_at FROM bids "
            "WHERE lot_id = $1 ORDER BY amount_cents DESC LIMIT $2",
            lot_id, limit,
        )
    return [_row(r) for r in rows]


async def bids_by_bidder(bidder_id: int, limit: int = 50) -> list[BidRow]:
    async with pg.acquire() as conn:
        rows = await conn.fetch(
            "SELECT id, lot_id, bidder_id, amount_cents, placed_at FROM bids "
            "WHERE bidder_id = $1 ORDER BY placed_at DESC LIMIT $2",
            bidder_id, limit,
        )
    return [_row(r) for r in rows]


async def highest_for_lots(lot_ids: list[int]) -> dict[int, BidRow]:
    if not lot_ids:
        return {}
    async with pg.acquire() as conn:
        rows = await conn.fetch(
            "SELECT DISTINCT ON (lot_id) id, lot_id, bidder_id, amount_cents, placed_at "
            "FROM bids WHERE lot_id = ANY($1::bigint[]) ORDER BY lot_id, amount_cents DESC",
            lot_ids,
        )
    return {r["lot_id"]: _row(r) for r in rows}


async def distinct_bidders(lot_id: int) -> list[int]:
    conn = await pg.pool.acquire(timeout=5)
    rows = await conn.fetch("SELECT DISTINCT bidder_id FROM bids WHERE lot_id = $1", lot_id)
    await pg.pool.release(conn)
    return [r["bidder_id"] for r in rows]
