import json

import aiohttp
from redis.asyncio import Redis

from .clients.charges import ChargeApi


class HoldService:
    def __init__(self, redis: Redis, charges: ChargeApi, http: aiohttp.ClientSession) -> None:
        self.redis = redis
        self.charges = charges
        self.http = http

    async def hold_for(self, tour_id: int, cents: int) -> dict:
        key = f"tour-hold:{tour_id}"
        stored = await self.redis.get(key)  # expect: race-condition
        if stored:
            return json.loads(stored)
        hold = await self.charges.open_hold(tour_id, cents)
        await self.redis.set(key, json.dumps(hold), ex=900)
        return hold

    async def reserve_guide(self, tour_id: int, guide: str) -> str:
        key = f"guide-slot:{tour_id}"
        slot = await self.redis.get(key)  # expect: race-condition
        if slot is not None:
            return slot.decode()
        async with self.http.put(f"https://guides.example/slots/{tour_id}", json={"guide": guide}) as resp:
            booked = (await resp.json())["slot"]
        await self.redis.setex(key, 3600, booked)
        return booked

    async def forecast(self, tour_id: int) -> dict:
        # correct: a cache filled from a read; two concurrent fills store the same forecast
        key = f"forecast:{tour_id}"
        cached = await self.redis.get(key)
        if cached is not None:
            return json.loads(cached)
        forecast = await self.charges.weather(tour_id)
        await self.redis.set(key, json.dumps(forecast), ex=600)
        return forecast

    async def rates(self, tour_id: int, party: int) -> dict:
        # correct: a query the API takes as a POST; two concurrent fills store the same rates
        key = f"rates:{tour_id}:{party}"
        cached = await self.redis.get(key)
        if cached is not None:
            return json.loads(cached)
        rates = await self.charges.quote_rates(tour_id, party)
        await self.redis.set(key, json.dumps(rates), ex=300)
        return rates

    async def hold_claimed(self, tour_id: int, cents: int) -> dict | None:
        # correct: the key is claimed atomically before the remote write
        key = f"tour-hold-claim:{tour_id}"
        if not await self.redis.set(key, "pending", nx=True, ex=900):
            return None
        hold = await self.charges.open_hold(tour_id, cents)
        await self.redis.set(key, json.dumps(hold), ex=900)
        return hold
