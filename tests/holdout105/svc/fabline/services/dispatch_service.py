"""Dispatching: compute the ordered queue of lots for each tool."""
from __future__ import annotations

import asyncio
import copy
import logging

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fabline.models.tool import Tool
from fabline.repositories.dispatch_repo import DispatchRepository
from fabline.repositories.lot_repo import LotRepository
from fabline.repositories.route_repo import RouteRepository
from fabline.repositories.tool_repo import ToolRepository
from fabline.services.dispatch_rules import Candidate, exclude_reserved, optimize_sequence, rank
from fabline.services.lot_service import LotService
from fabline.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

# lots handed to a tool but not yet tracked in
_reserved_lots: set[int] = set()


class DispatchService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        repo: DispatchRepository,
    ) -> None:
        self.sessions = sessions
        self.redis = redis
        self.repo = repo
        self._lock = asyncio.Lock()

    async def _candidates(self, session: AsyncSession, tool: Tool) -> list[Candidate]:
        route_ids = await RouteRepository(session).route_ids_using_tool_type(tool.tool_type)
        lots = await LotRepository(session).list_waiting_for_tool_type(route_ids)
        lot_service = LotService(session, self.redis)
        out = []
        for lot in lots:
            step = await lot_service.current_step(lot.id)
            if step is None or step.tool_type != tool.tool_type:
                continue
            out.append(
                Candidate(lot.id, lot.priority, lot.due_at, step.std_minutes, step.recipe_name, lot.wafer_count)
            )
        return out

    async def recompute_tool(self, tool_id: int) -> list[int]:
        async with self._lock:
            async with self.sessions() as session:
                tool = await ToolRepository(session).get(tool_id)
                if tool is None or tool.state not in ("STANDBY", "PRODUCTIVE"):
                    return []
                candidates = await self._candidates(session, tool)
            snapshot = copy.deepcopy(candidates)
            available = exclude_reserved(snapshot, list(_reserved_lots))
            ranked = rank(available, utcnow())
            ordered = optimize_sequence(ranked, tool.active_recipe)
            await self.repo.replace_queue(tool_id, [(c.lot_id, float(i)) for i, c in enumerate(ordered)])
            return [c.lot_id for c in ordered]

    async def recompute_all(self) -> int:
        async with self._lock:
            async with self.sessions() as session:
                tools = await ToolRepository(session).list_tools()
            for tool in tools:
                await self.recompute_tool(tool.id)
        return len(tools)

    async def next_lot(self, tool_id: int) -> int | None:
        for row in await self.repo.queue(tool_id):
            lot_id = row["lot_id"]
            if lot_id not in _reserved_lots:
                _reserved_lots.add(lot_id)
                return lot_id
        return None

    async def release_reservation(self, lot_id: int) -> None:
        _reserved_lots.discard(lot_id)
