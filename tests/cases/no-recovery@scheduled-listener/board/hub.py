"""Fan-out of score updates published on redis to this process's websockets."""
import asyncio
import logging

from redis.asyncio import Redis

log = logging.getLogger(__name__)


class ScoreHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.latest: dict[str, str] = {}

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("scores")
        try:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    self.latest[message["channel"]] = message["data"]
        finally:
            await pubsub.aclose()

    async def run_listener(self) -> None:
        while True:  # expect: no-recovery
            try:
                await self._listen()
            except Exception:
                log.exception("score listener stopped; resubscribing")

    async def run_listener_with_pause(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception:
                log.exception("score listener stopped; resubscribing in 2s")
                await asyncio.sleep(2)
