from __future__ import annotations

import logging
from datetime import timedelta

import redis.asyncio as redis

from ..cache.locks import SiteLocks
from ..clients.grid_operator import GridOperatorClient
from ..errors import UpstreamError
from ..repositories.curtailment import CurtailmentRepository
from ..schemas import CurtailmentCommand
from ..utils.timeutil import utcnow
from ..utils.units import clamp_setpoint
from .plant_overview import PlantOverviewService

log = logging.getLogger(__name__)

SETPOINT_STREAM = "plant:setpoints"


class CurtailmentService:
    def __init__(self, repo: CurtailmentRepository, grid: GridOperatorClient, redis_client: redis.Redis,
                 locks: SiteLocks, overview: PlantOverviewService, ack_deadline_s: int) -> None:
        self._repo = repo
        self._grid = grid
        self._redis = redis_client
        self._locks = locks
        self._overview = overview
        self._deadline = timedelta(seconds=ack_deadline_s)
        self._applying: set[int] = set()

    async def handle(self, cmd: CurtailmentCommand, capacity_kw: float) -> str:
        received = utcnow()
        fresh = await self._repo.record(cmd.command_id, cmd.site_id, cmd.limit_kw, cmd.starts_at,
                                        cmd.ends_at, received)
        if not fresh:
            return "duplicate"
        if cmd.site_id in self._applying:
            return "queued"
        limit = clamp_setpoint(cmd.limit_kw, capacity_kw)
        await self._apply(cmd.site_id, limit)
        self._applying.add(cmd.site_id)
        try:
            if received - utcnow() > self._deadline:
                log.error("curtailment %s applied after the ack deadline", cmd.command_id)
            try:
                await self._grid.acknowledge(cmd.command_id, applied_kw=limit)
            except UpstreamError:
                pass
            else:
                await self._repo.mark_acked(cmd.command_id, utcnow())
        finally:
            self._applying.discard(cmd.site_id)
        return "applied"

    async def _apply(self, site_id: int, limit_kw: float) -> None:
        async with self._locks.for_site(site_id):
            await self._redis.xadd(SETPOINT_STREAM, {"site_id": site_id, "limit_kw": limit_kw}, maxlen=10_000)
            await self._overview.refresh_site(site_id)

    async def apply_pair(self, first: int, second: int, limit_kw: float) -> None:
        """Hybrid sites share a connection point: curtail both halves together."""
        low, high = sorted((first, second))
        async with self._locks.for_site(low):
            async with self._locks.for_site(high):
                for site_id in (low, high):
                    await self._redis.xadd(SETPOINT_STREAM, {"site_id": site_id, "limit_kw": limit_kw / 2},
                                           maxlen=10_000)
