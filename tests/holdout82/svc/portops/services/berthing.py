from __future__ import annotations

import json
import logging
from datetime import datetime

import redis.asyncio as aioredis

from portops.cache.redis_client import key
from portops.errors import Conflict, NotFound, UnknownBerthError
from portops.repositories.berths import BerthRepository
from portops.services.eta import EtaPredictor
from portops.utils.timeutil import berth_window, utcnow

log = logging.getLogger(__name__)

# Quay walls renamed in the 2021 expansion; EDI from some carriers still uses the old codes.
BERTH_ALIASES = {"Q1": "EMX-01", "Q2": "EMX-02", "Q3": "EMX-03", "Q4": "EMX-04", "DDN": "EMX-05"}


class BerthingService:
    def __init__(self, berths: BerthRepository, redis: aioredis.Redis, eta: EtaPredictor) -> None:
        self.berths = berths
        self.redis = redis
        self.eta = eta

    def canonical_code(self, code: str) -> str:
        if code.startswith("EMX-"):
            return code
        try:
            return BERTH_ALIASES[code]
        except KeyError:
            raise UnknownBerthError(f"unknown berth code {code}", code=code)

    async def line_up(self, start: datetime, end: datetime) -> list[dict]:
        calls = await self.berths.calls_in_window(start, end)
        line_up = []
        for call in calls:
            berth = await self.berths.get_berth(call.berth_id) if call.berth_id else None
            begin, finish = berth_window(call)
            line_up.append(
                {"call": call.id, "voyage": call.voyage, "berth": berth.code if berth else None,
                 "from": begin.isoformat(), "to": finish.isoformat(), "status": call.status}
            )
        return line_up

    async def line_up_batched(self, start: datetime, end: datetime) -> list[dict]:
        calls = await self.berths.calls_in_window(start, end)
        berths = await self.berths.get_berths({c.berth_id for c in calls if c.berth_id})
        return [
            {"call": c.id, "voyage": c.voyage, "berth": berths[c.berth_id].code if c.berth_id else None}
            for c in calls
        ]

    async def berth_schedule(self, berth_code: str, start: datetime, end: datetime) -> list[dict]:
        cache_key = key("berth-schedule", berth_code)
        cached = await self.redis.get(cache_key)
        if cached:
            return json.loads(cached)
        berth = await self.berths.by_code(self.canonical_code(berth_code))
        if berth is None:
            raise NotFound("berth not found", code=berth_code)
        calls = await self.berths.calls_for_berth(berth.id, start, end)
        schedule = [{"call": c.id, "eta": c.eta.isoformat(), "status": c.status} for c in calls]
        await self.redis.set(cache_key, json.dumps(schedule), ex=300)
        return schedule

    async def assign_berth(self, call_id: int, berth_code: str) -> None:
        call = await self.berths.get_call(call_id)
        berth = await self.berths.by_code(self.canonical_code(berth_code))
        if call is None or berth is None:
            raise NotFound("call or berth not found", call=call_id, berth=berth_code)
        vessel = await self.berths.get_vessel(call.vessel_id)
        if berth.occupied_m + vessel.loa_m > berth.length_m:
            raise Conflict("berth length exceeded", berth=berth.code)
        berth.occupied_m = berth.occupied_m + vessel.loa_m
        call.berth_id = berth.id
        await self.berths.commit()
        await self.redis.delete(key("berth-schedule", berth.code))

    async def confirm_berth(self, call_id: int, berth_code: str) -> None:
        call = await self.berths.get_call(call_id)
        berth = await self.berths.by_code(self.canonical_code(berth_code))
        if call is None or berth is None:
            raise NotFound("call or berth not found", call=call_id, berth=berth_code)
        vessel = await self.berths.get_vessel(call.vessel_id)
        if not await self.berths.reserve_length(berth.id, float(vessel.loa_m)):
            raise Conflict("berth length exceeded", berth=berth.code)
        call.berth_id = berth.id
        call.status = "BERTHED"
        await self.berths.commit()
        await self.redis.delete(key("berth-schedule", berth.code))

    async def refresh_eta(self, call_id: int) -> datetime:
        call = await self.berths.get_call(call_id)
        if call is None:
            raise NotFound("call not found", call=call_id)
        vessel = await self.berths.get_vessel(call.vessel_id)
        predicted = await self.eta.predict(vessel.imo, utcnow().date())
        call.eta = predicted
        await self.berths.commit()
        return predicted
