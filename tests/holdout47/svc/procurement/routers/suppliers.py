from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from cachetools import TTLCache
from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.supplier_api import lookup_supplier_profile
from procurement.db.engine import get_session
from procurement.repositories import supplier_repo
from procurement.security import Principal, require_role

log = logging.getLogger(__name__)

router = APIRouter(prefix="/suppliers", tags=["suppliers"])


@dataclass(frozen=True, slots=True)
class SupplierView:
    id: int
    name: str
    currency: str
    edi_partner_id: str | None
    contact_email: str | None
    active: bool


_views: TTLCache[int, SupplierView] = TTLCache(maxsize=2048, ttl=300)


async def _get_view(session: AsyncSession, supplier_id: int) -> SupplierView | None:
    cached = _views.get(supplier_id)
    if cached is not None:
        return cached
    supplier = await supplier_repo.get(session, supplier_id)
    if supplier is None:
        return None
    view = SupplierView(
        supplier.id, supplier.name, supplier.currency, supplier.edi_partner_id, supplier.contact_email, supplier.active
    )
    _views[supplier_id] = view
    return view


def _invalidate(supplier_id: int) -> None:
    _views.pop(supplier_id, None)


class OnboardIn(BaseModel):
    api_token: str


@router.get("/{supplier_id}")
async def get_supplier(
    supplier_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    view = await _get_view(session, supplier_id)
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "supplier not found")
    return {"id": view.id, "name": view.name, "currency": view.currency, "active": view.active}


@router.post("/{supplier_id}/refresh-profile")
async def refresh_profile(
    supplier_id: int,
    body: OnboardIn,
    principal: Principal = Depends(require_role("admin")),
    session: AsyncSession = Depends(get_session),
):
    supplier = await supplier_repo.get(session, supplier_id)
    if supplier is None or not supplier.api_base_url:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "supplier has no API endpoint")
    try:
        profile = await lookup_supplier_profile(supplier.api_base_url, body.api_token)
    except httpx.HTTPError:
        profile = {}
    if profile.get("name"):
        supplier.name = profile["name"]
    if profile.get("contact_email"):
        supplier.contact_email = profile["contact_email"]
    if profile.get("currency"):
        supplier.currency = profile["currency"]
    await session.commit()
    _invalidate(supplier_id)
    return {"id": supplier.id, "name": supplier.name, "contact_email": supplier.contact_email}


@router.post("/{supplier_id}/deactivate")
async def deactivate(
    supplier_id: int,
    principal: Principal = Depends(require_role("admin")),
    session: AsyncSession = Depends(get_session),
):
    supplier = await supplier_repo.get(session, supplier_id)
    if supplier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "supplier not found")
    supplier.active = False
    await session.commit()
    _invalidate(supplier_id)
    log.info("supplier %s deactivated by %s", supplier_id, principal.user_id)
    return {"id": supplier_id, "active": False}
