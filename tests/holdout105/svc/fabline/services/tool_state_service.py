"""Tool state machine driven by SECS/GEM collection events (S6F11)."""
from __future__ import annotations

import json
import logging
from collections import defaultdict, deque
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fabline.core.redis import sync_client
from fabline.repositories.tool_repo import ToolEventRepository, ToolRepository
from fabline.utils.locks import tool_locks
from fabline.utils.timeutil import parse_gem_timestamp_or_now

logger = logging.getLogger(__name__)

# CEID -> E10 state transition reported by the equipment
CEID_STATES = {
    101: "PRODUCTIVE",
    102: "STANDBY",
    110: "SCHEDULED_DOWN",
    111: "UNSCHEDULED_DOWN",
    120: "ENGINEERING",
}
CEID_WAFER_COMPLETE = 201
CEID_ALARM = 301


class ToolStateService:
    def __init__(
        self,
        redis: aioredis.Redis,
        events: ToolEventRepository,
        sessions: async_sessionmaker[AsyncSession],
        status_channel: str,
    ) -> None:
        self.redis = redis
        self.events = events
        self.sessions = sessions
        self.status_channel = status_channel
        self._history: dict[int, list[dict]] = defaultdict(list)
        self._recent_alarms: deque[dict] = deque(maxlen=500)

    async def apply_event(self, event: dict[str, Any]) -> None:
        tool_id = int(event["tool_id"])
        ceid = int(event["ceid"])
        ts = parse_gem_timestamp_or_now(event.get("timestamp"))
        await self.events.insert(tool_id, ceid, event.get("name", str(ceid)), event)
        self._history[tool_id].append({"ceid": ceid, "ts": ts.isoformat()})

        if ceid in CEID_STATES:
            state = CEID_STATES[ceid]
            async with self.sessions() as session:
                await ToolRepository(session).set_state(tool_id, state, ts)
                await session.commit()
            await self.redis.hset(f"tool:{tool_id}", mapping={"state": state, "since": ts.isoformat()})
            try:
                await self.redis.publish(
                    self.status_channel, json.dumps({"tool_id": tool_id, "state": state})
                )
            except Exception:
                pass
        elif ceid == CEID_WAFER_COMPLETE:
            await self._count_wafers(tool_id, int(event.get("wafers", 1)))
            chamber = event.get("chamber")
            if chamber is not None:
                await self.redis.hincrby(f"tool:{tool_id}:chambers", str(chamber), 1)
        elif ceid == CEID_ALARM:
            self._recent_alarms.append({"tool_id": tool_id, "alid": event.get("alid"), "ts": ts.isoformat()})

    async def _count_wafers(self, tool_id: int, wafers: int) -> None:
        """Wafers processed since last PM, used by the PM scheduler."""
        key = f"tool:{tool_id}:wafers_since_pm"
        count = int(await self.redis.get(key) or 0)
        await self.redis.set(key, count + wafers)

    async def reset_pm_counter(self, tool_id: int) -> None:
        await self.redis.delete(f"tool:{tool_id}:wafers_since_pm")

    async def snapshot(self, tool_id: int) -> dict[str, Any]:
        live = await self.redis.hgetall(f"tool:{tool_id}")
        legacy = sync_client().hgetall(f"legacy:tool:{tool_id}")
        return {
            "tool_id": tool_id,
            "state": live.get("state") or legacy.get("state", "UNKNOWN"),
            "since": live.get("since"),
            "chambers": await self.redis.hgetall(f"tool:{tool_id}:chambers"),
            "wafers_since_pm": int(await self.redis.get(f"tool:{tool_id}:wafers_since_pm") or 0),
        }

    async def set_recipe(self, tool_id: int, recipe_name: str) -> None:
        async with tool_locks.hold(f"tool:{tool_id}"):
            await self.redis.hset(f"tool:{tool_id}", "recipe", recipe_name)
            logger.info("tool %s recipe set to %s", tool_id, recipe_name)

    def recent_alarms(self) -> list[dict]:
        return list(self._recent_alarms)
