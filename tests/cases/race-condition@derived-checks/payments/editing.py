"""Who is editing a ticket, as a redis key with a TTL."""
import redis.asyncio as redis

EDIT_SECONDS = 30


class EditLocks:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def claim(self, ticket_id: int, agent_id: int) -> bool:
        key = f"editing:{ticket_id}"
        current = await self._redis.get(key)
        if current is None or int(current) == agent_id:  # expect: race-condition
            await self._redis.set(key, agent_id, ex=EDIT_SECONDS)
            return True
        return False

    async def claim_atomic(self, ticket_id: int, agent_id: int) -> bool:
        key = f"editing:{ticket_id}"
        if await self._redis.set(key, agent_id, nx=True, ex=EDIT_SECONDS):
            return True
        current = await self._redis.get(key)
        return current is not None and int(current) == agent_id

    async def summary(self, ticket_id: int, render: str) -> str:
        """A cache fill: two fills store the same text."""
        key = f"summary:{ticket_id}"
        cached = await self._redis.get(key)
        if cached is None:
            text = render.strip()
            await self._redis.set(key, text, ex=EDIT_SECONDS)
            return text
        return cached.decode()
