"""Applies provider events once each."""
import asyncio
import json
from typing import Any

import redis.asyncio as redis

_SEEN_TTL = 86_400


class Ledger:
    async def apply(self, event: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    async def refund(self, event: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    async def load_profile(self, account: str) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"account": account}


class EventService:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._ledger = Ledger()
        self._refund_lock = asyncio.Lock()

    async def handle(self, event_id: str, event: dict[str, Any]) -> None:
        seen_key = f"event:seen:{event_id}"
        if await self._redis.exists(seen_key):  # expect: race-condition
            return
        await self._ledger.apply(event)
        await self._redis.set(seen_key, "1", ex=_SEEN_TTL)

    async def handle_claimed(self, event_id: str, event: dict[str, Any]) -> None:
        claim_key = f"event:claim:{event_id}"
        if not await self._redis.set(claim_key, "1", nx=True, ex=_SEEN_TTL):
            return
        try:
            await self._ledger.apply(event)
        except Exception:
            await self._redis.delete(claim_key)
            raise

    async def refund_once(self, event_id: str, event: dict[str, Any]) -> None:
        key = f"event:refunded:{event_id}"
        if await self._redis.exists(key):
            return
        if await self._redis.set(key, "1", nx=True, ex=_SEEN_TTL):
            await self._ledger.refund(event)

    async def profile(self, account: str) -> dict[str, Any]:
        cache_key = f"profile:{account}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        profile = await self._ledger.load_profile(account)
        await self._redis.set(cache_key, json.dumps(profile), ex=60)
        return profile

    async def touch(self, account: str) -> None:
        key = f"touched:{account}"
        if not await self._redis.exists(key):
            await self._redis.set(key, "1", ex=60)
