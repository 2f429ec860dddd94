"""Who is connected: an in-process tracker and a shared one."""
from collections import defaultdict

from redis.asyncio import Redis


class PresenceTracker:
    def __init__(self) -> None:
        self._online: dict[int, dict[int, int]] = defaultdict(dict)  # expect: horizontal-scaling-blocker
        self._typing: dict[int, set[int]] = defaultdict(set)

    def connected(self, room_id: int, user_id: int) -> None:
        users = self._online[room_id]
        users[user_id] = users.get(user_id, 0) + 1

    def disconnected(self, room_id: int, user_id: int) -> None:
        users = self._online.get(room_id)
        if not users or user_id not in users:
            return
        users[user_id] -= 1
        if users[user_id] <= 0:
            del users[user_id]

    def online(self, room_id: int) -> list[int]:
        return sorted(self._online.get(room_id, {}))

    def typing(self, room_id: int, user_id: int) -> list[int]:
        typers = self._typing[room_id]
        typers.add(user_id)
        return sorted(typers - {user_id})


class SharedPresence:
    """Presence in Redis: every process reads the same counts."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def connected(self, room_id: int, user_id: int) -> None:
        await self._redis.hincrby(f"presence:{room_id}", str(user_id), 1)
        await self._redis.expire(f"presence:{room_id}", 120)

    async def disconnected(self, room_id: int, user_id: int) -> None:
        await self._redis.hincrby(f"presence:{room_id}", str(user_id), -1)

    async def online(self, room_id: int) -> list[int]:
        counts = await self._redis.hgetall(f"presence:{room_id}")
        return sorted(int(uid) for uid, n in counts.items() if int(n) > 0)
