from redis.asyncio import Redis


class CreditLedger:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def give_back(self, account: str, amount: int) -> int:
        key = f"credits:used:{account}"
        used = int(await self._redis.get(key) or 0)  # expect: race-condition
        remaining = max(used - amount, 0)
        await self._redis.set(key, remaining, ex=86_400)
        return remaining

    async def release_seat(self, venue: str, section: int) -> None:
        key = f"seats:{venue}"
        taken = int(await self._redis.hget(key, str(section)) or 0)  # expect: race-condition
        await self._redis.hset(key, str(section), max(taken - 1, 0))

    async def take_seat(self, venue: str, section: int) -> int:
        return await self._redis.hincrby(f"seats:{venue}", str(section), 1)

    async def copy_section(self, venue: str, source: int, target: int) -> None:
        key = f"seats:{venue}"
        taken = int(await self._redis.hget(key, str(source)) or 0)
        await self._redis.hset(key, str(target), taken)

    async def snapshot(self, account: str) -> None:
        used = int(await self._redis.get(f"credits:used:{account}") or 0)
        label = f"{used} credits"
        await self._redis.set(f"credits:label:{account}", label)


class Wallet:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    @staticmethod
    def _key(user_id: int) -> str:
        return f"wallet:{user_id}"

    async def balance(self, user_id: int) -> int:
        return int(await self.redis.get(self._key(user_id)) or 0)

    async def add_bonus(self, user_id: int, bonus: int, cap: int) -> int:
        current = await self.balance(user_id)  # expect: race-condition
        updated = min(current + bonus, cap)
        await self.redis.set(self._key(user_id), updated)
        return updated

    async def mirror(self, user_id: int, other_id: int) -> None:
        current = await self.balance(other_id)
        await self.redis.set(self._key(user_id), current + 0)

    async def add(self, user_id: int, amount: int) -> int:
        return await self.redis.incrby(self._key(user_id), amount)
