"""Permit application endpoints."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from svc.clients.gis import GisClient
from svc.api.deps import Principal, current_principal, permit_service
from svc.services.permits import PermitService

router = APIRouter(prefix="/permits", tags=["permits"])


class PermitForm(BaseModel):
    parcel_id: str = Field(min_length=4, max_length=40)
    permit_type: str
    address: str
    declared_sqft: float = Field(gt=0)
    description: str = ""


@router.post("", status_code=201)
async def submit_permit(
    form: PermitForm,
    principal: Principal = Depends(current_principal),
    service: PermitService = Depends(permit_service),
) -> dict[str, Any]:
    permit = await service.submit(principal.subject_id, principal.email, form.model_dump())
    return {"id": permit.id, "application_number": permit.application_number, "fee_cents": permit.fee_cents}


@router.get("/mine")
async def my_permits(
    after_id: int = 0,
    limit: int = Query(default=20, le=100),
    principal: Principal = Depends(current_principal),
    service: PermitService = Depends(permit_service),
) -> list[dict[str, Any]]:
    return await service.list_with_documents(principal.subject_id, after_id, limit)


@router.get("/search")
async def search_permits(
    q: str = Query(min_length=3, max_length=100),
    service: PermitService = Depends(permit_service),
) -> list[dict[str, Any]]:
    return [{"id": p.id, "number": p.application_number, "address": p.address} for p in await service.search(q)]


@router.get("/by-email")
async def permits_by_email(
    email: str,
    _: Principal = Depends(current_principal),
    service: PermitService = Depends(permit_service),
) -> list[dict[str, Any]]:
    return [{"id": p.id, "number": p.application_number} for p in await service.by_email(email)]


@router.get("/parcels/{parcel_id}")
async def parcel_preview(parcel_id: str, request: Request) -> dict[str, Any]:
    gis: GisClient = request.app.state.gis
    parcel = await gis.lookup_parcel(parcel_id, include_zoning=True)
    return {"parcel_id": parcel.parcel_id, "address": parcel.address, "zoning": list(parcel.zoning)}


@router.post("/{permit_id}/withdraw", status_code=204)
async def withdraw_permit(
    permit_id: int,
    principal: Principal = Depends(current_principal),
    service: PermitService = Depends(permit_service),
) -> None:
    await service.withdraw(permit_id, principal.subject_id)


@router.post("/{permit_id}/amendments", status_code=201)
async def open_amendment(
    permit_id: int,
    principal: Principal = Depends(current_principal),
    service: PermitService = Depends(permit_service),
) -> dict[str, Any]:
    permit = await service.amend(principal.subject_id, permit_id)
    return {"id": permit.id, "application_number": permit.application_number}
