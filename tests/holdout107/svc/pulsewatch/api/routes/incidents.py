from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from pulsewatch.api.deps import current_principal, get_incident_service, get_pool
from pulsewatch.errors import IncidentNotFound
from pulsewatch.repositories.alerts import AlertRepository
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.services.auth import Principal
from pulsewatch.services.incidents import IncidentService, incident_to_dict
from pulsewatch.timeutil import utcnow

router = APIRouter(prefix="/v1/incidents", tags=["incidents"])


class UpdateIn(BaseModel):
    status: str = Field(pattern=r"^(investigating|identified|monitoring|resolved)$")
    body: str = Field(min_length=1, max_length=5000)


@router.get("")
async def list_incidents(
    before: Optional[datetime] = None,
    limit: int = Query(default=25, ge=1, le=100),
    principal: Principal = Depends(current_principal),
    pool: asyncpg.Pool = Depends(get_pool),
) -> list[dict]:
    repo = IncidentRepository(pool)
    incidents = await repo.list_for_org(principal.org_id, limit=limit, before=before)
    return [incident_to_dict(i, await repo.list_updates(i["id"])) for i in incidents]


@router.get("/recent")
async def recent_incidents(
    principal: Principal = Depends(current_principal), service: IncidentService = Depends(get_incident_service)
) -> list[dict]:
    return await service.list_with_updates(principal.org_id, limit=10)


@router.get("/stats")
async def incident_stats(
    days: int = Query(default=30, ge=1, le=365),
    principal: Principal = Depends(current_principal),
    pool: asyncpg.Pool = Depends(get_pool),
) -> dict:
    since = utcnow() - timedelta(days=days)
    row = await IncidentRepository(pool).stats_for_org(principal.org_id, since)
    return {
        "days": days,
        "total": row["total"],
        "open": row["open"],
        "mtta_minutes": round(row["mtta_s"] / 60, 1) if row["mtta_s"] is not None else None,
        "mttr_minutes": round(row["mttr_s"] / 60, 1) if row["mttr_s"] is not None else None,
    }


@router.get("/search")
async def search_incidents(
    q: str = Query(min_length=2, max_length=100),
    principal: Principal = Depends(current_principal),
    pool: asyncpg.Pool = Depends(get_pool),
) -> list[dict]:
    rows = await IncidentRepository(pool).search(principal.org_id, q)
    return [incident_to_dict(r) for r in rows]


@router.get("/{incident_id}")
async def get_incident(
    incident_id: UUID, principal: Principal = Depends(current_principal), pool: asyncpg.Pool = Depends(get_pool)
) -> dict:
    repo = IncidentRepository(pool)
    incident = await repo.get(incident_id)
    if incident is None or incident["org_id"] != principal.org_id:
        raise IncidentNotFound("incident not found")
    deliveries = await AlertRepository(pool).deliveries_for_incident(incident_id)
    data = incident_to_dict(incident, await repo.list_updates(incident_id))
    data["deliveries"] = [
        {"channel_id": str(d["channel_id"]), "step": d["step"], "status": d["status"], "error": d["error"], "at": d["created_at"].isoformat()}
        for d in deliveries
    ]
    return data


@router.post("/{incident_id}/acknowledge")
async def acknowledge(
    incident_id: UUID, principal: Principal = Depends(current_principal), service: IncidentService = Depends(get_incident_service)
) -> dict:
    return incident_to_dict(await service.acknowledge(incident_id, principal.org_id, principal.user_id))


@router.post("/{incident_id}/resolve")
async def resolve(
    incident_id: UUID, principal: Principal = Depends(current_principal), service: IncidentService = Depends(get_incident_service)
) -> dict:
    incident = await service.resolve(incident_id, principal.org_id, actor_id=principal.user_id, note="Resolved manually")
    return incident_to_dict(incident)


@router.post("/{incident_id}/updates")
async def post_update(
    incident_id: UUID,
    body: UpdateIn,
    principal: Principal = Depends(current_principal),
    service: IncidentService = Depends(get_incident_service),
) -> dict:
    return await service.post_update(incident_id, principal.org_id, body.status, body.body, principal.user_id)
