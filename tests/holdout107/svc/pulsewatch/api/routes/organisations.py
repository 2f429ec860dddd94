from __future__ import annotations

import secrets
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Depends, status
from pydantic import BaseModel

from pulsewatch.api.deps import current_principal, get_audit_service, get_pool, require_admin
from pulsewatch.errors import NotFound
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.repositories.organisations import OrganisationRepository
from pulsewatch.repositories.users import ApiKeyRepository
from pulsewatch.services.audit import AuditService
from pulsewatch.services.auth import Principal, hash_api_key

router = APIRouter(prefix="/v1/org", tags=["organisation"])


class ApiKeyOut(BaseModel):
    id: UUID
    key: str


@router.get("")
async def get_organisation(principal: Principal = Depends(current_principal), pool: asyncpg.Pool = Depends(get_pool)) -> dict:
    org = await OrganisationRepository(pool).get(principal.org_id)
    if org is None:
        raise NotFound("organisation not found")
    return {
        "id": str(org["id"]),
        "name": org["name"],
        "slug": org["slug"],
        "plan": org["plan"],
        "monitor_limit": org["monitor_limit"],
        "sms_credits": org["sms_credits"],
    }


@router.get("/overview")
async def overview(
    principal: Principal = Depends(current_principal),
    pool: asyncpg.Pool = Depends(get_pool),
    audit: AuditService = Depends(get_audit_service),
) -> dict:
    monitor_repo = MonitorRepository(pool)
    monitors = await monitor_repo.list_for_org(principal.org_id, limit=200)
    states = await monitor_repo.get_states(m["id"] for m in monitors)
    counts: dict[str, int] = {}
    for state in states.values():
        counts[state["status"]] = counts.get(state["status"], 0) + 1
    incidents = await IncidentRepository(pool).list_for_org(principal.org_id, limit=5)
    return {
        "monitors": len(monitors),
        "by_status": counts,
        "recent_incidents": [{"id": str(i["id"]), "title": i["title"], "status": i["status"]} for i in incidents],
        "activity": await audit.recent(principal.org_id, limit=20),
    }


@router.post("/api-keys", status_code=status.HTTP_201_CREATED, response_model=ApiKeyOut)
async def create_api_key(
    principal: Principal = Depends(require_admin),
    pool: asyncpg.Pool = Depends(get_pool),
    audit: AuditService = Depends(get_audit_service),
) -> ApiKeyOut:
    raw = "pw_" + secrets.token_urlsafe(32)
    key_id = await ApiKeyRepository(pool).create(principal.org_id, hash_api_key(raw), "api", None)
    await audit.record(principal.org_id, "api_key.created", actor_id=principal.user_id, target=str(key_id))
    return ApiKeyOut(id=key_id, key=raw)


@router.delete("/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_api_key(
    key_id: UUID,
    principal: Principal = Depends(require_admin),
    pool: asyncpg.Pool = Depends(get_pool),
    audit: AuditService = Depends(get_audit_service),
) -> None:
    if not await ApiKeyRepository(pool).revoke(key_id, principal.org_id):
        raise NotFound("api key not found")
    await audit.record(principal.org_id, "api_key.revoked", actor_id=principal.user_id, target=str(key_id))
