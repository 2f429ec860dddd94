"""Ops and admin endpoints: feature flags, fleet search, branch reports, payment webhooks."""
from __future__ import annotations

import hmac
import json
import logging
import uuid
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ...db import get_session
from ...repositories import ReservationRepository, VehicleRepository
from ...services.customers import CustomerService
from ...settings import FEATURE_FLAGS, get_settings
from ...utils.security import sign_webhook
from ..deps import customer_service, require_ops
from ..schemas import FlagUpdate, PickupCountOut

logger = logging.getLogger(__name__)
router = APIRouter(tags=["admin"])


@router.put("/admin/flags/{name}")
async def set_flag(name: str, body: FlagUpdate, _ops: str = Depends(require_ops)) -> dict[str, bool]:
    if name not in FEATURE_FLAGS:
        raise HTTPException(status_code=404, detail="unknown flag")
    FEATURE_FLAGS[name] = body.enabled
    logger.info("feature flag %s set to %s", name, body.enabled)
    return FEATURE_FLAGS


@router.get("/admin/vehicles/search")
async def search_vehicles(
    plate: str, _ops: str = Depends(require_ops), session: AsyncSession = Depends(get_session)
) -> list[dict]:
    vehicles = await VehicleRepository(session).search_plate(plate.strip())
    return [{"id": str(v.id), "plate": v.plate, "branch_id": v.branch_id, "status": v.status} for v in vehicles]


@router.get("/admin/vehicles/by-plate/{prefix}")
async def vehicles_by_plate_prefix(
    prefix: str, _ops: str = Depends(require_ops), session: AsyncSession = Depends(get_session)
) -> list[dict]:
    vehicles = await VehicleRepository(session).by_plate_prefix(prefix)
    return [{"id": str(v.id), "plate": v.plate, "branch_id": v.branch_id} for v in vehicles]


@router.get("/admin/branches/{branch_id}/pickups", response_model=PickupCountOut)
async def pickups_on_day(
    branch_id: str, day: date, _ops: str = Depends(require_ops), session: AsyncSession = Depends(get_session)
) -> PickupCountOut:
    count = await ReservationRepository(session).count_pickups(branch_id, day)
    return PickupCountOut(branch_id=branch_id, day=day, pickups=count)


@router.get("/admin/branches/{branch_id}/summary")
async def branch_summary(
    branch_id: str, _ops: str = Depends(require_ops), session: AsyncSession = Depends(get_session)
) -> dict:
    repo = ReservationRepository(session)
    return {"active": await repo.count_active(branch_id), "by_status": await repo.status_summary(branch_id)}


@router.post("/admin/customers/{customer_id}/credit")
async def grant_credit(
    customer_id: uuid.UUID,
    amount_cents: int,
    reason: str,
    _ops: str = Depends(require_ops),
    service: CustomerService = Depends(customer_service),
) -> dict:
    return {"balance_cents": await service.grant_credit(customer_id, amount_cents, reason)}


@router.post("/webhooks/payments", status_code=204)
async def payments_webhook(request: Request) -> None:
    body = await request.body()
    expected = sign_webhook(body, get_settings().payments_webhook_secret)
    if not hmac.compare_digest(expected, request.headers.get("x-signature", "")):
        raise HTTPException(status_code=401, detail="bad signature")
    event = json.loads(body)
    logger.info("payment event %s for hold %s", event.get("type"), event.get("data", {}).get("hold_id"))
