from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis

from portops.cache.redis_client import key
from portops.clients.customs_api import CustomsClient
from portops.errors import CustomsApiError, NotFound
from portops.repositories.containers import ContainerRepository
from portops.repositories.customs import CustomsRepository
from portops.utils.timeutil import utcnow

log = logging.getLogger(__name__)

STATUS_BATCH = 200


class CustomsService:
    def __init__(
        self,
        repo: CustomsRepository,
        containers: ContainerRepository,
        client: CustomsClient,
        redis: aioredis.Redis,
    ) -> None:
        self.repo = repo
        self.containers = containers
        self.client = client
        self.redis = redis
        self._submit_limit = asyncio.Semaphore(8)

    async def refresh_holds(self, call_id: int) -> int:
        containers = await self.containers.list_for_call(call_id)
        changed = 0
        for container in containers:
            status = await self.client.get_status(container.number)
            for hold in status.get("holds", []):
                await self.repo.upsert_hold(container.number, hold["code"], hold["ref"], hold["status"], hold.get("reason"))
                changed += 1
        await self.repo.commit()
        return changed

    async def refresh_holds_batched(self, call_id: int) -> int:
        numbers = [c.number for c in await self.containers.list_for_call(call_id)]
        changed = 0
        for start in range(0, len(numbers), STATUS_BATCH):
            statuses = await self.client.get_statuses(numbers[start:start + STATUS_BATCH])
            for number, status in statuses.items():
                for hold in status.get("holds", []):
                    await self.repo.upsert_hold(number, hold["code"], hold["ref"], hold["status"], hold.get("reason"))
                    changed += 1
        await self.repo.commit()
        return changed

    async def submit_manifest(self, declarations: list[dict]) -> list[str]:
        return await asyncio.gather(*(self.client.submit_declaration(d) for d in declarations))

    async def submit_amendments(self, declarations: list[dict]) -> list[str]:
        async def one(declaration: dict) -> str:
            async with self._submit_limit:
                return await self.client.submit_declaration(declaration)

        return await asyncio.gather(*(one(d) for d in declarations))

    async def hold_summary(self, number: str) -> list[dict]:
        cache_key = key("holds", number)
        cached = await self.redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        holds = [
            {"code": h.hold_code, "ref": h.authority_ref, "status": h.status}
            for h in await self.repo.holds_for(number)
        ]
        await self.redis.set(cache_key, json.dumps(holds))
        return holds

    async def release(self, authority_ref: str) -> None:
        hold = await self.repo.get_by_ref(authority_ref)
        if hold is None:
            raise NotFound("hold not found", ref=authority_ref)
        if hold.status == "ACTIVE" or "PENDING":
            hold.status = "RELEASED"
            hold.released_at = utcnow()
        await self.repo.commit()
        try:
            await self.client.acknowledge_release(authority_ref)
        except CustomsApiError:
            pass

    async def held_containers(self, call_id: int) -> list[str]:
        containers = await self.containers.list_for_call(call_id)
        holds = await self.repo.active_holds_for([c.number for c in containers])
        held = {h.container_number for h in holds}
        return [c.number for c in containers if c.number in held]
