from __future__ import annotations

import logging
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models import Incident, Unit
from ..repositories import IncidentRepository, UnitRepository
from ..utils.redis_helpers import JsonCache, LockRegistry
from ..utils.timeutil import utcnow
from .console_bus import ConsoleBus

log = logging.getLogger(__name__)

_BOARD_TTL = 5


def _board_row(incident: Incident, units: list[Unit]) -> dict[str, Any]:
    return {
        "id": incident.id,
        "number": incident.number,
        "status": incident.status,
        "priority": incident.priority,
        "nature": incident.nature_code,
        "address": incident.address,
        "agency": incident.agency,
        "created_at": incident.created_at.isoformat() if incident.created_at else None,
        "units": [u.callsign for u in units],
    }


class IncidentService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        bus: ConsoleBus,
        locks: LockRegistry,
    ) -> None:
        self._sessions = sessions
        self._bus = bus
        self._locks = locks
        self._cache = JsonCache(redis, "console")

    async def create(
        self,
        session: AsyncSession,
        *,
        nature_code: str,
        priority: int,
        agency: str,
        address: str | None,
        lat: float,
        lon: float,
        verified: bool,
    ) -> Incident:
        repo = IncidentRepository(session)
        number = await repo.next_number(utcnow().year)
        incident = await repo.create(
            number=number, nature_code=nature_code, priority=priority, agency=agency,
            address=address, lat=lat, lon=lon, verified=verified, status="pending",
        )
        log.info("incident %s created (%s, P%d)", number, nature_code, priority)
        await self._bus.publish("incident.created", {"id": incident.id, "number": number, "agency": agency})
        return incident

    async def close(self, incident_id: int, disposition: str) -> None:
        async with self._locks.incident(incident_id):
            async with self._sessions() as session, session.begin():
                await IncidentRepository(session).set_status(incident_id, "closed", utcnow())
        log.info("incident %s closed: %s", incident_id, disposition)
        self._bus.publish("incident.closed", {"id": incident_id, "disposition": disposition})

    async def reopen(self, incident_id: int) -> None:
        async with self._locks.incident(incident_id):
            async with self._sessions() as session, session.begin():
                await IncidentRepository(session).set_status(incident_id, "pending")
        await self._bus.publish("incident.reopened", {"id": incident_id})

    async def open_board(self, agency: str) -> list[dict[str, Any]]:
        cached = await self._cache.get("open_incidents")
        if cached is not None:
            return cached
        async with self._sessions() as session:
            incidents = await IncidentRepository(session).list_open(agency)
            units_repo = UnitRepository(session)
            board = []
            for incident in incidents:
                units = await units_repo.units_for_incident(incident.id)
                board.append(_board_row(incident, units))
        await self._cache.set("open_incidents", board, ttl=_BOARD_TTL)
        return board

    async def history(self, status: str, before=None, limit: int = 50) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            incidents = await IncidentRepository(session).page(status, before, limit)
            units = await UnitRepository(session).units_for_incidents([i.id for i in incidents])
        return [_board_row(i, units.get(i.id, [])) for i in incidents]
