import asyncio
import json
import logging

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class TicketPrinter:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def print_ticket(self, ticket: dict) -> None:
        await self.redis.hset(f"ticket:{ticket['id']}", mapping={"printed": 1})

    async def run(self) -> None:
        while True:
            try:
                popped = await self.redis.brpop("tickets", timeout=20)
            except RedisError:  # expect: no-recovery
                log.warning("ticket queue unavailable")
                continue
            if popped is None:
                continue
            try:
                await self.print_ticket(json.loads(popped[1]))
            except BaseException:
                await self.redis.lpush("tickets:failed", popped[1])
                raise


async def stream_orders(redis: Redis) -> None:
    last = "$"
    while True:
        try:
            batch = await redis.xread({"orders": last}, block=5000, count=50)
        except (RedisConnectionError, OSError):  # expect: no-recovery
            continue
        for _stream, entries in batch or []:
            for entry_id, fields in entries:
                last = entry_id
                log.info("order %s received: %s", entry_id, fields)


async def drain_local(queue: asyncio.Queue) -> None:
    """Look-alike: the handler catches the wait timing out, so the wait did happen."""
    while True:
        try:
            item = await asyncio.wait_for(queue.get(), timeout=5)
        except asyncio.TimeoutError:
            continue
        log.info("local item %s", item)


async def stream_orders_backing_off(redis: Redis) -> None:
    """Look-alike: the handler pauses before going round again."""
    last = "$"
    while True:
        try:
            batch = await redis.xread({"orders": last}, block=5000, count=50)
        except (RedisConnectionError, OSError):
            await asyncio.sleep(2)
            continue
        for _stream, entries in batch or []:
            for entry_id, _fields in entries:
                last = entry_id
