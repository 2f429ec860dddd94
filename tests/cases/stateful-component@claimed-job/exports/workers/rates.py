"""Exchange rates: each process refreshes its own copy every minute (no claim: all replicas fill theirs)."""
import asyncio
import json

from redis.asyncio import Redis


class RateRefresher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._rates: dict[str, float] = {}

    def rate(self, currency: str) -> float:
        return self._rates.get(currency, 1.0)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            raw = await self._redis.get("rates:latest")
            for currency, value in json.loads(raw or "{}").items():
                self._rates[currency] = float(value)
            await asyncio.sleep(60)
