"""Bid placement, anti-sniping extension and outbid notifications."""
from __future__ import annotations

import asyncio
import copy
import logging
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import asyncpg

from svc.cache.lot_cache import lot_cache
from svc.cache.redis import stream_redis
from svc.config import Settings
from svc.errors import BidTooLow, LotNotOpen, NotFound
from svc.repositories.bids import BidRepository
from svc.repositories.lots import LotRepository

log = logging.getLogger(__name__)


class BiddingService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        settings: Settings,
        lots: LotRepository,
        bids: BidRepository,
    ) -> None:
        self._pool = pool
        self._settings = settings
        self._lots = lots
        self._bids = bids
        self._tasks: set[asyncio.Task[None]] = set()
        self._audit_lock = threading.Lock()
        self._audit_buffer: list[dict[str, Any]] = []

    async def place_bid(self, lot_id: int, bidder_id: int, amount_cents: int) -> dict[str, Any]:
        now = datetime.now(timezone.utc)
        window = timedelta(seconds=self._settings.anti_snipe_window_s)
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            async with conn.transaction():
                lot = await conn.fetchrow(
                    "SELECT id, status, seller_id, current_cents, starting_cents, "
                    "leading_bidder_id, ends_at FROM lots WHERE id = $1 FOR UPDATE",
                    lot_id,
                )
                if lot is None:
                    raise NotFound(f"lot {lot_id}")
                if lot["status"] != "open" or lot["ends_at"] <= now:
                    raise LotNotOpen(f"lot {lot_id}")
                minimum = max(
                    lot["starting_cents"], lot["current_cents"] + self._settings.min_increment_cents
                )
                if amount_cents < minimum:
                    raise BidTooLow(f"minimum is {minimum}")
                bid_id = await self._bids.place_locked(conn, lot_id, bidder_id, amount_cents)
                if lot["ends_at"] - now < window:
                    new_end = now + timedelta(seconds=self._settings.anti_snipe_extension_s)
                    await self._lots.extend(conn, lot_id, new_end)
        previous = lot["leading_bidder_id"]
        event = {"lot_id": lot_id, "bid_id": bid_id, "amount_cents": amount_cents}
        await stream_redis.publish(f"lot:{lot_id}:bids", _encode(event))
        if previous is not None and previous != bidder_id:
            task = asyncio.create_task(self._notify_outbid(previous, lot_id, amount_cents))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        await lot_cache.invalidate(lot_id)
        return event

    async def quick_bid(self, lot_id: int, bidder_id: int, increments: int = 1) -> dict[str, Any]:
        """One-tap bid from the mobile app: the next increment above the current top bid."""
        top = await self._bids.highest(lot_id)
        lot = await self._lots.get(lot_id)
        current = top["amount_cents"] if top is not None else lot["starting_cents"]
        amount = current + increments * self._settings.min_increment_cents
        if top is not None and top["bidder_id"] == bidder_id:
            raise BidTooLow("already leading")
        bid_id = await self._bids.insert_unchecked(lot_id, bidder_id, amount)
        lot_cache.invalidate(lot_id)
        if top is not None:
            asyncio.create_task(self._notify_outbid(top["bidder_id"], lot_id, amount))
        await self._record_audit({"lot_id": lot_id, "bid_id": bid_id, "kind": "quick"})
        return {"lot_id": lot_id, "bid_id": bid_id, "amount_cents": amount}

    async def _notify_outbid(self, account_id: int, lot_id: int, amount_cents: int) -> None:
        payload = _encode({"type": "outbid", "lot_id": lot_id, "amount_cents": amount_cents})
        await stream_redis.publish(f"account:{account_id}:events", payload)

    async def _record_audit(self, entry: dict[str, Any]) -> None:
        with self._audit_lock:
            self._audit_buffer.append(entry)
            if len(self._audit_buffer) >= 100:
                await self._flush_audit()

    async def _flush_audit(self) -> None:
        rows = [(e["lot_id"], e["bid_id"], e["kind"]) for e in self._audit_buffer]
        self._audit_buffer.clear()
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO bid_audit (lot_id, bid_id, kind) VALUES ($1, $2, $3)", rows
            )

    async def bid_report(self, lot_id: int) -> dict[str, Any]:
        history = await self._bids.history(lot_id, page=0, page_size=5000)
        bidders: list[int] = []
        for bid in copy.deepcopy(history):
            if bid["bidder_id"] not in bidders:
                bidders.append(bid["bidder_id"])
        amounts = sorted(b["amount_cents"] for b in history)
        return {
            "lot_id": lot_id,
            "bid_count": len(history),
            "unique_bidders": len(bidders),
            "median_cents": amounts[len(amounts) // 2] if amounts else 0,
        }

    async def leaders(self, lot_ids: list[int]) -> dict[int, int]:
        return await self._bids.highest_for_lots(lot_ids)


def _encode(event: dict[str, Any]) -> str:
    import json

    return json.dumps(event, separators=(",", ":"))
