from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, HttpUrl
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.partner_feed import download_feed, parse_feed
from procurement.db.engine import get_session
from procurement.repositories import audit_repo, catalogue_repo, supplier_repo
from procurement.security import Principal, require_role
from procurement.services import catalogue_service

log = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])


class FeedImportIn(BaseModel):
    supplier_id: int
    url: HttpUrl
    dry_run: bool = False


@router.post("/catalogue/import")
async def import_feed(
    body: FeedImportIn,
    principal: Principal = Depends(require_role("admin")),
    session: AsyncSession = Depends(get_session),
):
    supplier = await supplier_repo.get(session, body.supplier_id)
    if supplier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "supplier not found")
    if body.dry_run:
        rows = parse_feed(download_feed(str(body.url)))
        existing = set(await catalogue_repo.skus_for_supplier(session, supplier.id))
        new = sum(1 for r in rows if r.sku not in existing)
        return {"rows": len(rows), "new": new, "updated": len(rows) - new}
    report = await catalogue_service.sync_supplier_feed(session, supplier, str(body.url))
    await audit_repo.record("supplier", supplier.id, "catalogue_import", actor_id=principal.user_id, detail=report.__dict__)
    return report.__dict__


@router.post("/caches/clear")
async def clear_caches(principal: Principal = Depends(require_role("admin"))):
    catalogue_service.clear_cache()
    return {"cleared": ["catalogue"]}


@router.get("/audit/{entity}/{entity_id}")
async def audit_history(entity: str, entity_id: int, principal: Principal = Depends(require_role("admin"))):
    return await audit_repo.history(entity, entity_id)
