"""Per-bidder daily bid limits and the best bid per lot, kept in redis."""
from redis.asyncio import Redis

DAILY_BIDS = 50


class Refused(Exception):
    pass


async def count_bid(r: Redis, bidder_id: int) -> None:
    key = f"bids:{bidder_id}"
    placed = int(await r.get(key) or 0)  # expect: race-condition
    if placed >= DAILY_BIDS:
        raise Refused("daily bid limit reached")
    await r.set(key, placed + 1, ex=86_400)


async def count_bid_atomically(r: Redis, bidder_id: int) -> None:
    key = f"bids:{bidder_id}"
    placed = await r.incr(key)
    if placed == 1:
        await r.expire(key, 86_400)
    if placed > DAILY_BIDS:
        await r.decr(key)
        raise Refused("daily bid limit reached")


class BestBids:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def raise_to(self, lot_id: str, amount: int) -> None:
        best = await self._redis.hget("lots:best", lot_id)  # expect: race-condition
        if best is not None and int(best) >= amount:
            raise Refused("outbid")
        await self._redis.hset("lots:best", lot_id, amount)
