"""Listeners on redis pub/sub channels; every web process starts them."""
import json

import asyncpg
import redis.asyncio as redis

client = redis.Redis()
SCREENS: set = set()


async def restock_listener() -> None:
    pubsub = client.pubsub()
    await pubsub.psubscribe("stock:*")  # expect: worker-coordination
    async for message in pubsub.listen():
        if message["type"] != "pmessage":
            continue
        await _reserve_for_backorders(json.loads(message["data"]))


async def _reserve_for_backorders(body: dict) -> None:
    conn = await asyncpg.connect()
    try:
        await conn.execute("UPDATE backorders SET reserved = reserved + $1 WHERE sku = $2", body["qty"], body["sku"])
    finally:
        await conn.close()


class RefundListener:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run(self) -> None:
        pubsub = client.pubsub()
        await pubsub.subscribe("refunds")  # expect: worker-coordination
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
            if message is not None:
                body = json.loads(message["data"])
                await self._pool.execute("INSERT INTO refund_requests (order_id) VALUES ($1)", body["order"])


async def refund_listener() -> None:
    await RefundListener(await asyncpg.create_pool()).run()


async def screen_fanout() -> None:
    """Every process forwards to the screens it holds: what pub/sub is for."""
    pubsub = client.pubsub()
    await pubsub.subscribe("screens")
    async for message in pubsub.listen():
        if message["type"] == "message":
            for screen in list(SCREENS):
                await screen.send_text(message["data"])


async def claimed_listener() -> None:
    """Each message is claimed once across processes before it is acted on."""
    pubsub = client.pubsub()
    await pubsub.subscribe("payouts")
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        body = json.loads(message["data"])
        async with client.lock(f"payout:{body['id']}", timeout=30, blocking=False) as got:
            if got:
                await client.hset(f"payout:{body['id']}", "state", "sent")
