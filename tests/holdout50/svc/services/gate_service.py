from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import asyncpg
from redis.asyncio import Redis

from ..cache.pass_cache import PassCache
from ..config import Settings
from ..repos.gate_repo import GateRepository
from ..schemas import ScanDecision

log = logging.getLogger(__name__)

COUNTER_TTL_S = 2 * 3600


class GateUnavailable(Exception):
    pass


class GateService:
    def __init__(
        self, repo: GateRepository, redis: Redis, pass_cache: PassCache, settings: Settings
    ) -> None:
        self._repo = repo
        self._redis = redis
        self._passes = pass_cache
        self._settings = settings
        self._tz = ZoneInfo(settings.resort_tz)

    async def validate_scan(self, gate_id: str, lift_id: int, uid: str) -> ScanDecision:
        now = datetime.now(timezone.utc)
        today = now.astimezone(self._tz).date()
        try:
            media = await self._repo.lookup_media(uid)
        except (asyncpg.PostgresError, asyncio.TimeoutError):
            raise GateUnavailable("media lookup failed")

        if media is None:
            return await self._finish(gate_id, lift_id, uid, None, None, "unknown_media")
        if media["blocked"]:
            return await self._finish(gate_id, lift_id, uid, media["pass_id"], None, "blocked")

        since = now - timedelta(seconds=self._settings.anti_passback_seconds)
        if await self._repo.recent_scan_exists(uid, lift_id, since):
            return await self._finish(gate_id, lift_id, uid, media["pass_id"], media["ticket_id"], "passback")

        if media["pass_id"] is not None:
            info = await self._passes.get(media["pass_id"])
            if info is None or not info.usable_on(today):
                return await self._finish(gate_id, lift_id, uid, media["pass_id"], None, "pass_invalid")
            rides = await self._repo.bump_daily_usage(media["pass_id"], today, now)
            decision = ScanDecision(allowed=True, reason="ok", display_name=info.holder_name)
            await self._finish(gate_id, lift_id, uid, media["pass_id"], None, "ok", rides=rides)
            return decision

        left = await self._consume_ticket_ride(media["ticket_id"])
        if left is None:
            return await self._finish(gate_id, lift_id, uid, None, media["ticket_id"], "no_rides")
        await self._finish(gate_id, lift_id, uid, None, media["ticket_id"], "ok")
        return ScanDecision(allowed=True, reason="ok", rides_left=left)

    async def _consume_ticket_ride(self, ticket_id: int) -> int | None:
        key = f"ticket:{ticket_id}:rides_left"
        cached = await self._redis.get(key)
        if cached is None:
            allowed = await self._ticket_allowance(ticket_id)
            used = await self._repo.ticket_rides_used(ticket_id)
            cached = allowed - used
        remaining = int(cached)
        if remaining <= 0:
            return None
        await self._redis.set(key, remaining - 1, ex=COUNTER_TTL_S)
        return remaining - 1

    async def _ticket_allowance(self, ticket_id: int) -> int:
        raw = await self._redis.hget("ticket:allowance", str(ticket_id))
        return int(raw) if raw is not None else 9999

    async def _finish(
        self,
        gate_id: str,
        lift_id: int,
        uid: str,
        pass_id: int | None,
        ticket_id: int | None,
        result: str,
        rides: int | None = None,
    ) -> ScanDecision:
        await self._repo.record_scan(gate_id, lift_id, uid, pass_id, ticket_id, result)
        if result == "ok":
            await self._bump_counters(lift_id)
        asyncio.create_task(self._publish_activity(gate_id, lift_id, result, rides))
        return ScanDecision(allowed=result == "ok", reason=result)

    async def _bump_counters(self, lift_id: int) -> None:
        bucket = datetime.now(timezone.utc).strftime("%Y%m%d%H%M")
        key = f"lift:{lift_id}:scans:{bucket}"
        pipe = self._redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, COUNTER_TTL_S)
        await pipe.execute()

    async def _publish_activity(
        self, gate_id: str, lift_id: int, result: str, rides: int | None
    ) -> None:
        payload = {"gate": gate_id, "lift": lift_id, "result": result, "rides": rides}
        await self._redis.publish("gate-activity", json.dumps(payload))
