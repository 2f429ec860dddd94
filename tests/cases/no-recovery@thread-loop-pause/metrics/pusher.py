"""Metric pushers run in threads beside the API, each with its own event loop for the async
queue-depth probe."""
import asyncio
import logging
import threading
import time

from redis import asyncio as aioredis

log = logging.getLogger(__name__)
stop = threading.Event()


async def queue_depth(redis: aioredis.Redis) -> int:
    return await redis.llen("jobs")


def push_forever(interval: float = 15.0) -> None:
    # the pause follows the try: a failed round still waits `interval`
    loop = asyncio.new_event_loop()
    redis = aioredis.Redis(host="queue")
    while not stop.is_set():
        try:
            depth = loop.run_until_complete(queue_depth(redis))
            log.info("queue depth %d", depth)
        except Exception:
            log.exception("queue depth probe failed")
        stop.wait(interval)


def push_tight(interval: float = 15.0) -> None:
    # the sleep only runs after a successful probe
    loop = asyncio.new_event_loop()
    redis = aioredis.Redis(host="queue")
    while True:
        try:
            depth = loop.run_until_complete(queue_depth(redis))
            log.info("queue depth %d", depth)
            time.sleep(interval)
        except Exception:  # expect: no-recovery
            log.exception("queue depth probe failed")
