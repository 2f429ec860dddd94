"""Daily send budgets kept in redis."""
from redis.asyncio import Redis


class OverBudget(Exception):
    pass


class SendBudget:
    def __init__(self, store: Redis, per_day: int) -> None:
        self._store = store
        self._per_day = per_day

    async def take_email(self, account: str) -> None:
        key = f"budget:email:{account}"
        raw = await self._store.get(key)  # expect: race-condition
        used = int(raw) if raw else 0
        if used >= self._per_day:
            raise OverBudget(account)
        await self._store.set(key, used + 1, ex=86_400)

    async def take_atomic(self, account: str) -> None:
        key = f"budget:push:{account}"
        used = await self._store.incr(key)
        if used == 1:
            await self._store.expire(key, 86_400)
        if used > self._per_day:
            raise OverBudget(account)

    async def remember_peak(self, account: str, seen: int) -> None:
        key = f"budget:peak:{account}"
        raw = await self._store.get(key)
        peak = int(raw) if raw else 0
        if seen <= peak:
            return
        await self._store.set(key, seen)

    async def grant_batch(self, account: str, wanted: int) -> int:
        key = f"budget:batch:{account}"
        used = int(await self._store.get(key) or 0)  # expect: race-condition
        granted = min(wanted, self._per_day - used)
        if granted <= 0:
            return 0
        await self._store.incrby(key, granted)
        return granted

    async def grant_batch_atomic(self, account: str, wanted: int) -> int:
        key = f"budget:batch2:{account}"
        used = await self._store.incrby(key, wanted)
        granted = min(wanted, self._per_day - (used - wanted))
        if granted <= 0:
            await self._store.decrby(key, wanted)
            return 0
        return granted
