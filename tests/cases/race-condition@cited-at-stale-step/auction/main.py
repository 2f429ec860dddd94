"""Auction API."""
from fastapi import FastAPI
from redis.asyncio import Redis

from auction.limits import BestBids, count_bid, count_bid_atomically
from auction.rooms import hub

app = FastAPI()
redis = Redis.from_url("redis://cache")


@app.post("/lots/{lot_id}/bids")
async def bid(lot_id: str, bidder_id: int, amount: int) -> None:
    await count_bid(redis, bidder_id)
    await count_bid_atomically(redis, bidder_id)
    await BestBids(redis).raise_to(lot_id, amount)


@app.post("/rooms/{room}/messages")
async def message(room: str, text: str) -> None:
    await hub.post(room, text)
    await hub.post_in_order(room, text)
