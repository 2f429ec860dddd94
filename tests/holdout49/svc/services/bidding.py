"""Bid placement: validation, reserve, anti-sniping extension and fan-out."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis
from redis.exceptions import WatchError

from svc.config import get_settings
from svc.db.engine import pg
from svc.repos import bids as bid_sql
from svc.services.fraud_service import FraudService
from svc.utils.money import min_next_bid
from svc.utils.ratelimit import check_bid_rate
from svc.ws.hub import BidHub
from svc.clients.notify import Notifier

log = logging.getLogger(__name__)


class BidRejected(Exception):
    def __init__(self, reason: str, min_bid_cents: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.min_bid_cents = min_bid_cents


@dataclass(slots=True)
class BidOutcome:
    bid_id: int
    lot_id: int
    amount_cents: int
    ends_at: datetime
    reserve_met: bool
    extended: bool


def extended_end(ends_at: datetime, now: datetime, window_s: int, extension_s: int) -> datetime:
    """Push the close back when a bid lands inside the final anti-sniping window."""
    remaining = (ends_at - now).total_seconds()
    if remaining > window_s:
        return ends_at + timedelta(seconds=extension_s)
    return ends_at


class BidService:
    def __init__(self, redis: Redis, hub: BidHub, fraud: FraudService, notifier: Notifier) -> None:
        self.redis = redis
        self.hub = hub
        self.fraud = fraud
        self.notifier = notifier
        self.settings = get_settings()

    async def place_bid(self, lot_id: int, bidder_id: int, amount_cents: int, ip: str | None) -> BidOutcome:
        check_bid_rate(bidder_id)
        score = await self.fraud.assess_bid(bidder_id, lot_id, amount_cents, ip)
        if score >= 0.9:
            raise BidRejected("bid held for review")

        now = datetime.now(timezone.utc)
        async with pg.acquire() as conn:
            async with conn.transaction():
                lot = await conn.fetchrow(
                    "SELECT id, status, seller_id, starting_price_cents, reserve_price_cents, "
                    "current_price_cents, leading_bidder_id, ends_at FROM lots WHERE id = $1 FOR UPDATE",
                    lot_id,
                )
                if lot is None:
                    raise BidRejected("no such lot")
                if lot["status"] != "open" or now >= lot["ends_at"]:
                    raise BidRejected("auction closed")
                if lot["seller_id"] == bidder_id:
                    raise BidRejected("sellers cannot bid on their own lots")
                floor = min_next_bid(
                    lot["current_price_cents"], lot["starting_price_cents"], self.settings.min_increment_cents
                )
                if amount_cents < floor:
                    raise BidRejected("bid too low", min_bid_cents=floor)

                bid = await bid_sql.insert_bid(conn, lot_id, bidder_id, amount_cents, score)
                new_end = extended_end(
                    lot["ends_at"], now, self.settings.anti_snipe_window_s, self.settings.anti_snipe_extension_s
                )
                await conn.execute(
                    "UPDATE lots SET current_price_cents = $2, leading_bidder_id = $3, ends_at = $4, "
                    "extensions = extensions + $5, version = version + 1 WHERE id = $1",
                    lot_id, amount_cents, bidder_id, new_end, int(new_end != lot["ends_at"]),
                )

        reserve_met = lot["reserve_price_cents"] is None or lot["starting_price_cents"] >= lot["reserve_price_cents"]
        await self.hub.publish(lot_id, {
            "type": "bid",
            "lot": lot_id,
            "amount": amount_cents,
            "ends_at": new_end.isoformat(),
            "reserve_met": reserve_met,
        })
        previous = lot["leading_bidder_id"]
        if previous and previous != bidder_id:
            asyncio.create_task(self.notifier.send_outbid(previous, lot_id, amount_cents))
        return BidOutcome(bid.id, lot_id, amount_cents, new_end, reserve_met, new_end != lot["ends_at"])

    async def set_proxy_max(self, lot_id: int, bidder_id: int, max_cents: int) -> bool:
        key = f"proxy:{lot_id}"
        current = await self.redis.hget(key, "max")
        if current is None or max_cents > int(current):
            await self.redis.hset(key, mapping={"max": max_cents, "user": bidder_id})
            return True
        return False

    async def retract(self, lot_id: int, bid_id: int, bidder_id: int) -> None:
        async with pg.acquire() as conn:
            async with conn.transaction():
                deleted = await conn.execute(
                    "DELETE FROM bids WHERE id = $1 AND bidder_id = $2 AND lot_id = $3", bid_id, bidder_id, lot_id
                )
                if deleted == "DELETE 0":
                    raise BidRejected("bid not found")
                top = await conn.fetchrow(
                    "SELECT bidder_id, amount_cents FROM bids WHERE lot_id = $1 ORDER BY amount_cents DESC LIMIT 1",
                    lot_id,
                )
                await conn.execute(
                    "UPDATE lots SET current_price_cents = $2, leading_bidder_id = $3 WHERE id = $1",
                    lot_id, top["amount_cents"] if top else 0, top["bidder_id"] if top else None,
                )
        self.hub.publish(lot_id, {"type": "retracted", "lot": lot_id, "bid": bid_id})

    async def proxy_counter_bid(self, lot_id: int, new_amount_cents: int, new_bidder_id: int) -> int | None:
        """Amount the standing proxy bidder should answer with, reserving it atomically."""
        key = f"proxy:{lot_id}"
        for _ in range(5):
            async with self.redis.pipeline(transaction=True) as pipe:
                try:
                    await pipe.watch(key)
                    proxy = await pipe.hgetall(key)
                    if not proxy or int(proxy["user"]) == new_bidder_id:
                        return None
                    ceiling = int(proxy["max"])
                    answer = min(ceiling, new_amount_cents + self.settings.min_increment_cents)
                    if answer <= new_amount_cents:
                        return None
                    pipe.multi()
                    pipe.hset(key, "last_answer", answer)
                    await pipe.execute()
                    return answer
                except WatchError:
                    continue
        log.warning("proxy bid on lot %s kept changing; giving up after 5 attempts", lot_id)
        return None

    async def my_bids(self, bidder_id: int) -> list[dict]:
        rows = await bid_sql.bids_by_bidder(bidder_id)
        leading = await bid_sql.highest_for_lots(sorted({r.lot_id for r in rows}))
        return [
            {
                "lot": r.lot_id,
                "amount_cents": r.amount_cents,
                "placed_at": r.placed_at.isoformat(),
                "leading": leading.get(r.lot_id) is not None and leading[r.lot_id].bidder_id == bidder_id,
            }
            for r in rows
        ]
