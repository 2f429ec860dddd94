"""One process sweeps expired carts: the one holding the Redis leader key."""
from __future__ import annotations

import asyncio
import os
import time

import redis.asyncio as redis

client = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
NODE_ID = os.environ.get("HOSTNAME", "local")

_is_leader = False  # whether this process holds the key
_last_swept = 0  # expect: global-mutable-state
_led_since = 0.0  # expect: global-mutable-state


async def try_lead() -> bool:
    global _is_leader, _led_since
    won = await client.set("sweeper:leader", NODE_ID, nx=True, ex=30)
    if not won:
        return False
    _is_leader = True
    _led_since = time.time()
    return True


async def sweep_once() -> None:
    global _last_swept
    removed = await client.delete("carts:expired")
    _last_swept = removed


async def election_loop() -> None:
    while True:
        if _is_leader or await try_lead():
            await sweep_once()
        await asyncio.sleep(15)


async def step_down() -> None:
    global _is_leader
    if _is_leader:
        await client.delete("sweeper:leader")
    _is_leader = False
