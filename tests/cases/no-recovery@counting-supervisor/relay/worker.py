"""Event relay process: forwards redis pub/sub events to the webhook sender."""
from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from relay.sender import deliver

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    for restart in itertools.count():  # expect: no-recovery
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed (restart #%d)", name, restart)


async def supervise_with_backoff(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    for restart in itertools.count():
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed (restart #%d)", name, restart)
            await asyncio.sleep(min(2 ** restart, 60))


class Relay:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def pump(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("events")
        async for message in pubsub.listen():
            await deliver(message["data"])

    async def audit(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("audit")
        async for message in pubsub.listen():
            await deliver(message["data"])

    async def mirror(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe("mirror")
                while not stop.is_set():
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is not None:
                        await deliver(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("mirror lost its subscription; reconnecting")
                await asyncio.sleep(1.0)
            finally:
                await pubsub.aclose()


async def main() -> None:
    relay = Relay(Redis.from_url("redis://localhost", socket_timeout=5))
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(supervise("pump", relay.pump)),
        asyncio.create_task(supervise_with_backoff("audit", relay.audit)),
        asyncio.create_task(relay.mirror(stop)),
    ]
    await asyncio.gather(*tasks)


if __name__ == "__main__":
    asyncio.run(main())
