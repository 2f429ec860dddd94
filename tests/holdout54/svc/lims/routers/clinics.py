"""Clinic administration."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, HttpUrl
from sqlalchemy.ext.asyncio import AsyncSession

from .. import config
from ..db.orm import get_session
from ..redis_client import get_redis
from ..repos.clinic_repo import ClinicRepo
from ..security import StaffPrincipal, require_role
from ..services.audit import audit

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/admin", tags=["admin"])
admin = require_role("lab_director", "it_admin")

ALLOWED_CHANNELS = frozenset({"hl7", "fhir"})


class EndpointsIn(BaseModel):
    channel: str
    hl7_endpoint: HttpUrl | None = None
    fhir_endpoint: HttpUrl | None = None


class OnCallIn(BaseModel):
    phone: str


class FlagIn(BaseModel):
    enabled: bool


@router.put("/clinics/{clinic_id}/endpoints", status_code=status.HTTP_204_NO_CONTENT)
async def update_endpoints(
    clinic_id: int,
    body: EndpointsIn,
    staff: StaffPrincipal = Depends(admin),
    session: AsyncSession = Depends(get_session),
) -> None:
    if body.channel not in ALLOWED_CHANNELS:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "unknown channel")
    repo = ClinicRepo(session, get_redis())
    if await repo.get(clinic_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such clinic")
    await repo.update_endpoints(
        clinic_id,
        str(body.hl7_endpoint) if body.hl7_endpoint else None,
        str(body.fhir_endpoint) if body.fhir_endpoint else None,
        body.channel,
    )
    await audit.record(staff.email, "update_endpoints", "clinic", clinic_id, body.model_dump(mode="json"))


@router.put("/clinics/{clinic_id}/on-call", status_code=status.HTTP_204_NO_CONTENT)
async def update_on_call(
    clinic_id: int,
    body: OnCallIn,
    staff: StaffPrincipal = Depends(admin),
    session: AsyncSession = Depends(get_session),
) -> None:
    await ClinicRepo(session, get_redis()).update_on_call(clinic_id, body.phone)
    await audit.record(staff.email, "update_on_call", "clinic", clinic_id)


@router.put("/flags/{name}")
async def set_flag(name: str, body: FlagIn, staff: StaffPrincipal = Depends(admin)) -> dict:
    if name not in config.FEATURE_FLAGS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown flag")
    config.FEATURE_FLAGS[name] = body.enabled
    log.warning("feature flag %s set to %s by %s", name, body.enabled, staff.email)
    return dict(config.FEATURE_FLAGS)
