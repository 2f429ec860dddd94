"""Fans Redis pub/sub events out to the sockets of this process."""
import json

from redis.asyncio import Redis


class Hub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.seen = 0

    async def pump(self) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.psubscribe("live:*")
        async for message in pubsub.listen():
            json.loads(message["data"])
            self.seen += 1

    async def mirror(self) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.psubscribe("mirror:*")
        async for message in pubsub.listen():
            json.loads(message["data"])
            self.seen += 1
