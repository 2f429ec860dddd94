"""Audit trail queries for QA and inspectors."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ..db.pg import connection
from ..security import StaffPrincipal, require_role
from ..services.audit import AuditRepo

router = APIRouter(prefix="/v1/audit", tags=["audit"])
auditor = require_role("qa", "lab_director")


@router.get("/{entity}/{entity_id}")
async def entity_history(
    entity: str,
    entity_id: str,
    limit: int = Query(100, le=1000),
    staff: StaffPrincipal = Depends(auditor),
) -> list[dict]:
    async with connection() as conn:
        return await AuditRepo(conn).for_entity(entity, entity_id, limit)


@router.get("/actor/{actor}")
async def actor_history(actor: str, limit: int = Query(100, le=1000), staff: StaffPrincipal = Depends(auditor)) -> list[dict]:
    async with connection() as conn:
        return await AuditRepo(conn).by_actor(actor, limit)
