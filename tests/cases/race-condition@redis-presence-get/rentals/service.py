"""Bike rentals: one open rental per bike, one export per day."""
import redis.asyncio as redis

from rentals.store import RentalStore

store_client = redis.Redis()


class BikeBusy(Exception):
    pass


class RentalService:
    def __init__(self, redis_client: redis.Redis, store: RentalStore) -> None:
        self._redis = redis_client
        self._store = store

    async def rent(self, bike_id: int, rider_id: int) -> int:
        if await self._redis.get(self._bike_key(bike_id)):  # expect: race-condition
            raise BikeBusy(bike_id)
        rental_id = await self._store.open_rental(bike_id, rider_id)
        await self._redis.set(self._bike_key(bike_id), rental_id, ex=86_400)
        return rental_id

    async def rent_safely(self, bike_id: int, rider_id: int) -> int:
        if not await self._redis.set(self._bike_key(bike_id), "pending", nx=True, ex=86_400):
            raise BikeBusy(bike_id)
        rental_id = await self._store.open_rental(bike_id, rider_id)
        await self._redis.set(self._bike_key(bike_id), rental_id, ex=86_400)
        return rental_id

    async def price_of(self, bike_id: int) -> str:
        key = f"price:{bike_id}"
        if cached := await self._redis.get(key):
            return cached
        price = await self._store.price(bike_id)
        await self._redis.set(key, price, ex=300)
        return price

    @staticmethod
    def _bike_key(bike_id: int) -> str:
        return f"bike:{bike_id}:rental"


async def export_day(day: str, store: RentalStore) -> None:
    marker = f"export:{day}"
    if day == "today":
        return
    elif await store_client.get(marker):  # expect: race-condition
        raise RuntimeError(f"export for {day} already done")
    await store.export(day)
    await store_client.setex(marker, 172_800, "done")


async def require_session(token: str, store: RentalStore) -> None:
    if not await store_client.get(f"session:{token}"):
        raise PermissionError("no session")
    await store.touch(token)
    await store_client.set(f"session:{token}", "1", ex=3600)


async def require_rider(rider_id: int, store: RentalStore) -> None:
    # a sync lookup wrapped for the loop: the awaited call's callee is itself a call's result
    if not await to_async(store.has_rider)(rider_id):
        raise PermissionError("unknown rider")
    await store.touch(str(rider_id))


def to_async(fn):
    async def run(*args):
        return fn(*args)
    return run
