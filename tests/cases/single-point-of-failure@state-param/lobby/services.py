"""Lobby services; the routes build them from what the lifespan keeps on app.state."""
import json
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError


class Queue:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def join(self, lobby: str, player: str) -> int:
        await self._redis.rpush(f"lobby:{lobby}", player)
        return await self._redis.llen(f"lobby:{lobby}")


class Events:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, lobby: str, event: dict[str, Any]) -> None:
        await self._redis.publish(f"lobby-events:{lobby}", json.dumps(event))


class Badges:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def of(self, player: str) -> list[str]:
        try:
            return sorted(await self._redis.smembers(f"badges:{player}"))
        except RedisError:
            return []  # badges are decoration: an outage shows none


class LobbyService:
    def __init__(self, events: Events, badges: Badges) -> None:
        self._events = events
        self._badges = badges

    async def ready(self, lobby: str, player: str) -> dict[str, Any]:
        badges = await self._badges.of(player)
        await self._events.publish(lobby, {"ready": player, "badges": badges})
        return {"player": player, "badges": badges}


def build_lobby_service(state: Any) -> LobbyService:
    return LobbyService(Events(state.events_redis), Badges(state.badge_redis))
