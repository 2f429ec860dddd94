"""Stock levels cached in Redis; a miss is recomputed from the warehouse database."""
import json

from redis.asyncio import Redis


class StockService:
    def __init__(self, redis: Redis, db) -> None:
        self._redis = redis
        self._db = db

    async def levels(self, warehouse_id: int) -> dict[str, int]:
        raw = await self._redis.hgetall(f"stock:{warehouse_id}")  # expect: no-fallback
        if not raw:
            raw = await self._recount(warehouse_id)
        return {sku: int(qty) for sku, qty in raw.items()}

    async def _recount(self, warehouse_id: int) -> dict[str, str]:
        rows = await self._db.fetch("SELECT sku, qty FROM stock WHERE warehouse_id = $1", warehouse_id)
        counted = {r["sku"]: str(r["qty"]) for r in rows}
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(f"stock:{warehouse_id}", mapping=counted)
            pipe.expire(f"stock:{warehouse_id}", 300)
            await pipe.execute()
        return counted

    async def reservation(self, order_id: int) -> dict | None:
        # the reservation lives only in Redis: a miss is an answer, not something to reload
        raw = await self._redis.get(f"reservation:{order_id}")
        if raw is None:
            return None
        return json.loads(raw)

    async def hold(self, order_id: int) -> str:
        # a missing hold is created (an action), not loaded from a source
        token = await self._redis.get(f"hold:{order_id}")
        if token is None:
            token = await self._create_hold(order_id)
        return token

    async def _create_hold(self, order_id: int) -> str:
        token = f"hold-{order_id}"
        await self._redis.set(f"hold:{order_id}", token, ex=600)
        return token
