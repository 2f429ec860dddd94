import json

import httpx
import redis.asyncio as aioredis


class PriceBook:
    def __init__(self, redis_client: aioredis.Redis, supplier: httpx.AsyncClient) -> None:
        self.redis_client = redis_client
        self.supplier = supplier

    async def prices(self, sku: str) -> dict:
        key = f"prices:{sku}"
        if (raw := await self.redis_client.get(key)) is not None:
            return json.loads(raw)
        resp = await self.supplier.get(f"/skus/{sku}/prices")
        data = resp.json()
        await self.redis_client.set(key, json.dumps(data))  # expect: cache-misuse
        return data

    async def stock(self, sku: str) -> int:
        key = f"stock:{sku}"
        cached = await self.redis_client.get(key)
        if cached is not None:
            return int(cached)
        resp = await self.supplier.get(f"/skus/{sku}/stock")
        level = int(resp.json()["level"])
        # look-alike: the entry expires
        await self.redis_client.set(key, level, ex=30)
        return level

    async def brand(self, sku: str) -> str:
        key = f"brand:{sku}"
        cached = await self.redis_client.get(key)
        if cached:
            return cached
        resp = await self.supplier.get(f"/skus/{sku}")
        name = resp.json()["brand"]
        # look-alike: expiry set right after the write
        await self.redis_client.set(key, name)
        await self.redis_client.expire(key, 3600)
        return name
