"""Meter readings: the vendor bridge webhook (ingest) and the portal usage charts."""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter, Header, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from ..config import get_settings
from ..deps import CustomerDep, SessionDep
from ..models import Premise
from ..repositories.accounts import AccountRepository
from ..services.ingest_service import BridgeBatch, BridgeReading
from ..services.usage import UsageService
from ..utils.security import verify_webhook_signature

ingest_router = APIRouter(prefix="/ingest", tags=["ingest"])
router = APIRouter(prefix="/portal/usage", tags=["portal"])
log = logging.getLogger(__name__)

MAX_RANGE_DAYS = 400


class ReadingIn(BaseModel):
    serial: str = Field(min_length=4, max_length=40)
    ts: datetime
    register: int = 1
    value: Decimal
    quality: str = "A"


class BatchIn(BaseModel):
    message_id: str
    gateway_id: str
    readings: list[ReadingIn] = Field(max_length=5000)


@ingest_router.post("/bridge", status_code=status.HTTP_202_ACCEPTED)
async def bridge_webhook(request: Request, x_bridge_signature: str = Header(...)) -> dict:
    body = await request.body()
    verify_webhook_signature(body, x_bridge_signature, get_settings().bridge_webhook_secret)
    payload = BatchIn.model_validate_json(body)
    batch = BridgeBatch(
        message_id=payload.message_id,
        gateway_id=payload.gateway_id,
        readings=[BridgeReading(r.serial, r.ts, r.register, r.value, r.quality) for r in payload.readings],
    )
    accepted = await request.app.state.ingest.accept(batch)
    return {"accepted": accepted, "count": len(batch.readings)}


@router.get("/meters/{meter_id}/chart")
async def usage_chart(
    meter_id: int,
    request: Request,
    customer: CustomerDep,
    session: SessionDep,
    start: date,
    end: date,
    granularity: Literal["hour", "day", "week"] = "day",
) -> dict:
    if end <= start or (end - start) > timedelta(days=MAX_RANGE_DAYS):
        raise HTTPException(422, f"range must be 1..{MAX_RANGE_DAYS} days")
    if granularity == "hour" and (end - start) > timedelta(days=31):
        raise HTTPException(422, "hourly charts are limited to 31 days")
    accounts = await AccountRepository(session).for_customer(customer.id)
    owner = next((a for a in accounts if any(m.id == meter_id for m in a.meters)), None)
    if owner is None:
        raise HTTPException(404, "meter not found")
    premise = await session.get(Premise, owner.premise_id)
    service = UsageService(request.app.state.weather)
    return await service.chart(meter_id, premise.postcode, start, end, granularity)


@router.get("/accounts/{account_id}/summary")
async def account_summary(
    account_id: int,
    request: Request,
    customer: CustomerDep,
    session: SessionDep,
    period: str = Query(pattern=r"^\d{4}-\d{2}$"),
) -> dict:
    accounts = {a.id: a for a in await AccountRepository(session).for_customer(customer.id)}
    account = accounts.get(account_id)
    if account is None:
        raise HTTPException(404, "account not found")
    service = UsageService(request.app.state.weather)
    return await service.account_summary(account.id, [m.id for m in account.meters], period)
