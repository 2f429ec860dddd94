"""A transcoding worker process: pops jobs from redis until it is told to stop."""
import asyncio
import json
import logging
import signal

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


async def transcode(job: dict) -> None:
    await asyncio.sleep(0)  # stands for the real work


async def main() -> None:
    redis = Redis.from_url("redis://cache:6379/0", socket_timeout=5)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    while not stop.is_set():
        try:
            item = await redis.brpop("jobs", timeout=5)
        except RedisError:  # expect: no-recovery
            continue
        if item is None:
            continue
        try:
            await transcode(json.loads(item[1]))
        except Exception:
            log.exception("job failed")
            await redis.lpush("jobs:failed", item[1])
        else:
            await redis.incr("jobs:done")
    await redis.aclose()


async def main_backing_off() -> None:
    """Look-alike: the same consumer pauses before it reads again after a failed read."""
    redis = Redis.from_url("redis://cache:6379/0", socket_timeout=5)
    stop = asyncio.Event()
    while not stop.is_set():
        try:
            item = await redis.brpop("jobs", timeout=5)
        except RedisError:
            log.warning("job queue unavailable")
            await asyncio.sleep(2)
            continue
        if item is None:
            continue
        await transcode(json.loads(item[1]))
        await redis.incr("jobs:done")


async def drain(redis: Redis, stop: asyncio.Event) -> None:
    """Look-alike: the read that fails is after a step no handler catches; an outage ends it."""
    while not stop.is_set():
        await redis.incr("drain:rounds")
        try:
            item = await redis.brpop("jobs", timeout=5)
        except RedisError:
            continue
        if item is not None:
            await transcode(json.loads(item[1]))


if __name__ == "__main__":
    asyncio.run(main())
