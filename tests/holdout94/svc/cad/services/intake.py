from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.geocoder import AddressVerifier
from ..clients.telephony import TelephonyGateway
from ..repositories import CallRepository
from ..settings import Settings
from ..utils.retry import with_retries
from ..utils.timeutil import utcnow
from .incidents import IncidentService

log = logging.getLogger(__name__)

# NENA class-of-service codes that carry a handset (Phase II) location.
WIRELESS_PHASE2 = frozenset({"WPH2", "VOIP", "MOBL"})
REPEAT_CALLER_WINDOW = timedelta(minutes=15)


def _nature_from_event(event: dict[str, Any]) -> tuple[str, int]:
    hint = (event.get("ivr_selection") or "").upper()
    if hint in ("FIRE", "MED", "MVA"):
        return f"{hint}-UNK", 2
    return "UNK", 3


class CallIntakeService:
    """Turns telephony gateway events into call records and incidents."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        geocoder: AddressVerifier,
        telephony: TelephonyGateway,
        incidents: IncidentService,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._geocoder = geocoder
        self._telephony = telephony
        self._incidents = incidents
        self._agency = settings.agency_ori

    async def handle_event(self, event: dict[str, Any]) -> dict[str, Any]:
        gateway_id = event["call_id"]
        if event.get("type") == "ali_update":
            return await self._ali_update(gateway_id, event.get("ali") or {})
        first = await self._redis.set(f"intake:seen:{gateway_id}", "1", nx=True, ex=600)
        if not first:
            return {"status": "duplicate", "call_id": gateway_id}

        ali = event.get("ali") or {}
        ani = event.get("ani", "")
        async with self._sessions() as session:
            repeat = await CallRepository(session).recent_from_ani(ani, utcnow() - REPEAT_CALLER_WINDOW)
        if repeat and repeat[0].incident_id is not None:
            async with self._sessions() as session, session.begin():
                call_pk = await CallRepository(session).upsert(gateway_id, ani=ani, ali_address=ali.get("address"))
                await CallRepository(session).link_incident(call_pk, repeat[0].incident_id)
            return {"status": "linked", "incident_id": repeat[0].incident_id}

        verified = await self._geocoder.verify(ali.get("address", ""), city=ali.get("community"))
        nature, priority = _nature_from_event(event)
        async with self._sessions() as session, session.begin():
            call_pk = await CallRepository(session).upsert(
                gateway_id,
                ani=ani,
                ali_address=ali.get("address"),
                ali_lat=ali.get("lat"),
                ali_lon=ali.get("lon"),
                class_of_service=ali.get("cos"),
            )
            incident = await self._incidents.create(
                session, nature_code=nature, priority=priority, agency=self._agency,
                address=verified.formatted, lat=verified.lat, lon=verified.lon, verified=True,
            )
            await CallRepository(session).link_incident(call_pk, incident.id)
        await self._telephony.acknowledge(gateway_id, incident.number)
        if ali.get("cos") in WIRELESS_PHASE2 and ali.get("lat") is None:
            await self.rebid(gateway_id)
        return {"status": "created", "incident": incident.number}

    async def _ali_update(self, gateway_id: str, ali: dict[str, Any]) -> dict[str, Any]:
        async with self._sessions() as session, session.begin():
            await CallRepository(session).upsert(gateway_id, ani=ali.get("ani", ""), ali_address=ali.get("address"))
        return {"status": "updated", "call_id": gateway_id}

    async def rebid(self, gateway_id: str) -> dict[str, Any]:
        return await with_retries(lambda: self._telephony.request_ali_rebid(gateway_id), attempts=4)
