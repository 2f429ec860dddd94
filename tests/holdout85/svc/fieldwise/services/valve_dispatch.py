from __future__ import annotations

import asyncio

from fieldwise.clients.valves import ValveGatewayClient
from fieldwise.logging_setup import get_logger
from fieldwise.services.planner import PlanItem

log = get_logger(__name__)

MAX_INFLIGHT = 16


class ValveDispatcher:
    def __init__(self, valves: ValveGatewayClient, plan_lock: asyncio.Lock) -> None:
        self._valves = valves
        self._plan_lock = plan_lock
        self._sem = asyncio.Semaphore(MAX_INFLIGHT)

    async def _push_one(self, item: PlanItem) -> bool:
        async with self._sem:
            return await self._valves.push_command(item.valve_id, "open", item.duration_min)

    async def push(self, items: list[PlanItem]) -> list[bool]:
        async with self._plan_lock:
            return list(await asyncio.gather(*(self._push_one(i) for i in items)))

    async def close_valves(self, valve_ids: tuple[str, ...]) -> None:
        for valve_id in valve_ids:
            await self._valves.push_command(valve_id, "close", 0)

    async def valve_status(self, valve_id: str) -> dict:
        return await self._valves.get_status(valve_id)
