"""The worker process: a crashed consumer ends it non-zero so its supervisor restarts it."""
import asyncio

import asyncpg
from redis import asyncio as aioredis

from tally.consumer import StreamConsumer


async def main(stop: asyncio.Event) -> None:
    pool = await asyncpg.create_pool("postgresql://tally")
    consumer = StreamConsumer(aioredis.Redis(), pool)
    task = asyncio.create_task(consumer.run())
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    consumer.stop()
    stopper.cancel()
    await task


if __name__ == "__main__":
    asyncio.run(main(asyncio.Event()))
