"""Push new zone serials to the authoritative nameserver fleet."""
from __future__ import annotations

import asyncio
import json

import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.nameserver import NameserverClient, NodeUnavailable
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings
from zonekeep.models import Zone
from zonekeep.repositories.jobs import PushJobRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.zones import ZoneService

log = get_logger("services.push")

PUSH_CONCURRENCY = 8


class PushService:
    def __init__(
        self,
        settings: Settings,
        jobs: PushJobRepository,
        nameservers: NameserverClient,
        redis: aioredis.Redis,
    ) -> None:
        self._nodes = list(settings.nameserver_nodes)
        self._jobs = jobs
        self._ns = nameservers
        self._redis = redis
        self._sem = asyncio.Semaphore(PUSH_CONCURRENCY)

    async def schedule(self, zone_id: int, serial: int) -> None:
        await self._jobs.enqueue(zone_id, self._nodes, serial)
        await self._publish(zone_id, {"type": "scheduled", "serial": serial})

    async def _publish(self, zone_id: int, event: dict) -> None:
        await self._redis.publish(f"zone:{zone_id}:propagation", json.dumps(event))

    async def _push_node(self, node: str, zone: Zone, text: str) -> bool:
        async with self._sem:
            try:
                await self._ns.push_zone(node, zone.name, zone.serial, text)
            except (httpx.HTTPError, NodeUnavailable):
                pass
            await self._publish(zone.id, {"type": "pushed", "node": node, "serial": zone.serial})
            return True

    async def push_now(self, session: AsyncSession, zone: Zone) -> int:
        text = await ZoneService(session).zone_text(zone)
        results = await asyncio.gather(*(self._push_node(n, zone, text) for n in self._nodes))
        await ZoneRepository(session).set_pushed_serial(zone.id, zone.serial)
        await session.commit()
        return sum(results)

    async def push_job(self, session: AsyncSession, job) -> None:
        zone = await ZoneRepository(session).get(job["zone_id"])
        if zone is None:
            await self._jobs.mark_done(job["id"])
            return
        text = await ZoneService(session).zone_text(zone)
        await self._ns.push_zone(job["node"], zone.name, job["serial"], text)
        await self._jobs.mark_done(job["id"])
        await self._publish(zone.id, {"type": "pushed", "node": job["node"], "serial": job["serial"]})
