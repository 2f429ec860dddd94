from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

import requests
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.geo import Geocoder
from ..db import readings_pool
from ..errors import Conflict, NotFound
from ..models import Commodity, Outage, Premise
from ..repositories.outages import CrewRepository, OutageRepository
from ..utils.locks import crew_state_lock, outage_state_lock
from ..ws.hub import OUTAGE_CHANNEL, map_state

log = logging.getLogger(__name__)
REPORT_WINDOW = timedelta(minutes=30)


class OutageService:
    def __init__(self, session: AsyncSession, redis: Redis, geocoder: Geocoder) -> None:
        self.session = session
        self._redis = redis
        self._geocoder = geocoder
        self._outages = OutageRepository(session, readings_pool)
        self._crews = CrewRepository(session)

    async def report(self, customer_id: int, premise: Premise, message: str | None) -> dict:
        since = datetime.now(timezone.utc) - REPORT_WINDOW
        if await self._outages.recent_reports_for_premise(premise.id, since) >= 3:
            raise Conflict("outage already reported for this premise", premise_id=premise.id)
        report_id = await self._outages.add_report(premise.id, f"customer:{customer_id}", "portal", message)
        lat, lon = premise.lat, premise.lon
        if lat is None or lon is None:
            try:
                coords = await self._geocoder.locate(premise.address_line)
            except requests.RequestException as exc:
                log.warning("geocoding failed for premise %s: %s", premise.id, exc)
                coords = None
            if coords:
                lat, lon = coords
        outage = await self._outages.open_for_feeder(premise.feeder_id)
        return {"report_id": report_id, "outage_id": outage.id if outage else None, "lat": lat, "lon": lon}

    async def open_or_extend(self, feeder_id: str, commodity: Commodity, silent: int) -> Outage:
        outage = await self._outages.open_for_feeder(feeder_id)
        if outage is None:
            outage = await self._outages.create(
                Outage(feeder_id=feeder_id, commodity=commodity, started_at=datetime.now(timezone.utc), affected_premises=silent)
            )
        else:
            outage.affected_premises = max(outage.affected_premises, silent)
        await self.session.commit()
        async with outage_state_lock:
            map_state.outages[outage.id] = _outage_view(outage)
            await self._redis.hset("outages:open", str(outage.id), json.dumps(map_state.outages[outage.id]))
            async with crew_state_lock:
                if outage.crew_id is None:
                    map_state.unassigned.add(outage.id)
                else:
                    map_state.crew_status[outage.crew_id] = "assigned"
        self._redis.publish(OUTAGE_CHANNEL, json.dumps({"type": "outage", "data": _outage_view(outage)}))
        return outage

    async def resolve(self, outage_id: int, cause: str) -> None:
        outage = await self.session.get(Outage, outage_id)
        if outage is None:
            raise NotFound("outage not found", outage_id=outage_id)
        outage.resolved_at = datetime.now(timezone.utc)
        outage.cause = cause
        await self.session.commit()
        async with outage_state_lock:
            map_state.outages.pop(outage_id, None)
            map_state.unassigned.discard(outage_id)
        await self._redis.hdel("outages:open", str(outage_id))
        await self._redis.publish(OUTAGE_CHANNEL, json.dumps({"type": "resolved", "id": outage_id}))

    async def snapshot(self) -> list[dict]:
        result = []
        for outage in await self._outages.open_outages():
            view = _outage_view(outage)
            if outage.crew_id:
                crew = await self._crews.get(outage.crew_id)
                view["crew"] = {"id": crew.id, "name": crew.name} if crew else None
            result.append(view)
        return result

    async def reports(self, outage_id: int) -> list[dict]:
        return await self._outages.reports_for_outage(outage_id)


def _outage_view(outage: Outage) -> dict:
    return {
        "id": outage.id,
        "feeder": outage.feeder_id,
        "commodity": outage.commodity.value,
        "started_at": outage.started_at.isoformat(),
        "affected": outage.affected_premises,
        "lat": outage.lat,
        "lon": outage.lon,
        "crew_id": outage.crew_id,
    }
