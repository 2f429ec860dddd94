from __future__ import annotations

import json
import logging
from datetime import datetime

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..repositories.bins import BinLookup
from ..repositories.lifts import LiftRepository
from ..repositories.routes_repo import RouteRepository
from .livemap import LiveMapHub

logger = logging.getLogger(__name__)

POSITIONS_CHANNEL = "truck-positions"


class TelemetryService:
    """GPS fixes and RFID bin-lift events from the trucks' onboard units."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], lifts: LiftRepository,
                 bins: BinLookup, redis: aioredis.Redis, hub: LiveMapHub) -> None:
        self.sessionmaker = sessionmaker
        self.lifts = lifts
        self.bins = bins
        self.redis = redis
        self.hub = hub

    async def handle(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "gps":
            await self.on_gps(event)
        elif kind == "lift":
            await self.on_lift(event)
        else:
            logger.debug("ignoring OBU event type %r", kind)

    async def on_gps(self, event: dict) -> None:
        fix = {"truck_id": event["truck"], "depot_id": event.get("depot", ""), "lat": event["lat"], "lon": event["lon"],
               "speed": event.get("speed", 0), "ts": event["ts"]}
        await self.redis.hset("truck:last_fix", event["truck"], json.dumps(fix))
        await self.redis.publish(POSITIONS_CHANNEL, json.dumps(fix))

    async def on_lift(self, event: dict) -> None:
        lifted_at = datetime.fromisoformat(event["ts"])
        row = await self.bins.by_rfid(event["rfid"])
        bin_id = row["id"] if row else None
        customer_id = row["customer_id"] if row else None
        await self.lifts.record(event["truck"], event["rfid"], bin_id, customer_id, event.get("kg"), lifted_at)
        if bin_id is None:
            logger.warning("lift of unknown tag %s by truck %s", event["rfid"], event["truck"])
            return
        async with self.sessionmaker() as session:
            route = await RouteRepository(session).for_truck_day(event["truck"], lifted_at.date())
            if route is not None:
                await RouteRepository(session).mark_lifted(route.id, bin_id, lifted_at)
                await session.commit()
        self.hub.broadcast(row["depot_id"], {"type": "lift", "truck_id": event["truck"], "bin_id": bin_id,
                                             "ts": event["ts"]})

    async def route_progress(self, truck_id: str, day) -> dict:
        async with self.sessionmaker() as session:
            route = await RouteRepository(session).for_truck_day(truck_id, day)
            if route is None:
                return {"truck_id": truck_id, "stops": 0, "lifted": 0, "missed": []}
            planned = [s.bin_id for s in route.stops]
            lifted_ids = [s.bin_id for s in route.stops if s.lifted_at is not None]
        missed = [b for b in planned if b not in lifted_ids]
        return {"truck_id": truck_id, "stops": len(planned), "lifted": len(lifted_ids), "missed": missed}


    async def unlifted_customers(self, customer_ids: list[int], truck_id: str, day) -> list[int]:
        """Commercial customers on today's route whose bins have not been lifted yet."""
        async with self.sessionmaker() as session:
            route = await RouteRepository(session).for_truck_day(truck_id, day)
            stops = list(route.stops) if route is not None else []
        lifted_bins = {s.bin_id for s in stops if s.lifted_at is not None}
        owners = await self.bins.owners([s.bin_id for s in stops])
        lifted_customers = {owners[b] for b in lifted_bins if b in owners}
        return [c for c in customer_ids if c not in lifted_customers]
