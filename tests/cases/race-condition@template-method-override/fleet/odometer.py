"""Mileage totals in redis, refreshed by a poller and changed by commands."""
from redis.asyncio import Redis

from fleet.base import Command, Poller

redis = Redis(host="redis", decode_responses=True)


class MileagePoller(Poller):
    async def poll_once(self) -> None:
        total = int(await redis.get("fleet:km") or 0)  # expect: race-condition
        await redis.set("fleet:km", total + 120)


class LegacyPoller(Poller):
    """Kept for the old depot; nothing builds it any more."""

    async def poll_once(self) -> None:
        total = int(await redis.get("depot:km") or 0)
        await redis.set("depot:km", total + 120)


class AddFuel(Command):
    async def apply(self, vehicle_id: str, amount: int) -> None:
        litres = int(await redis.hget(f"vehicle:{vehicle_id}", "fuel") or 0)  # expect: race-condition
        await redis.hset(f"vehicle:{vehicle_id}", "fuel", litres + amount)


class AddDistance(Command):
    async def apply(self, vehicle_id: str, amount: int) -> None:
        await redis.hincrby(f"vehicle:{vehicle_id}", "km", amount)
