from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.mutual_aid import MutualAidClient
from ..errors import MutualAidError
from ..models import MutualAidRequest
from ..repositories import IncidentRepository
from ..settings import Settings
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

_STATUS_CONCURRENCY = 4


class MutualAidService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        client: MutualAidClient,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._client = client
        self._settings = settings

    async def request(self, incident_id: int, resource_type: str, quantity: int, requested_by: str) -> MutualAidRequest:
        day_key = f"mutual_aid:count:{utcnow():%Y%m%d}"
        await self._redis.set(day_key, int(await self._redis.get(day_key) or 0) + 1, ex=172800)
        local_ref = f"{self._settings.agency_ori}-{uuid4().hex[:12]}"
        async with self._sessions() as session:
            incident = await IncidentRepository(session).require(incident_id)
        payload = {
            "requesting_agency": self._settings.agency_ori,
            "local_ref": local_ref,
            "incident": {"number": incident.number, "nature": incident.nature_code,
                         "lat": incident.lat, "lon": incident.lon, "address": incident.address},
            "resource_type": resource_type,
            "quantity": quantity,
            "requested_by": requested_by,
        }
        remote = await self._client.request_resources(payload)
        async with self._sessions() as session, session.begin():
            row = MutualAidRequest(incident_id=incident_id, local_ref=local_ref, remote_ref=remote.get("id"),
                                   resource_type=resource_type, status=remote.get("status", "requested"))
            session.add(row)
        log.info("mutual aid %s requested for %s (%s x%d)", local_ref, incident.number, resource_type, quantity)
        return row

    async def refresh_statuses(self, remote_refs: list[str]) -> dict[str, Any]:
        gate = asyncio.Semaphore(_STATUS_CONCURRENCY)

        async def one(ref: str) -> tuple[str, Any]:
            async with gate:
                try:
                    return ref, await self._client.request_status(ref)
                except MutualAidError as exc:
                    log.warning("status refresh failed for %s: %s", ref, exc)
                    return ref, None

        results = await asyncio.gather(*(one(r) for r in remote_refs))
        return dict(results)

    def new_reference(self) -> str:
        return f"{self._settings.agency_ori}-{uuid.uuid4().hex[:12]}"
