from __future__ import annotations

import logging
from datetime import timedelta

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..errors import NotFound, PartnerError
from ..repositories import loyalty as loyalty_repo
from ..repositories import outbox as outbox_repo
from ..services.loyalty import LoyaltyService
from ..utils.common import utcnow

log = logging.getLogger(__name__)
router = APIRouter(prefix="/loyalty", tags=["loyalty"])

_seen_partner_refs: set[str] = set()


class TransferRequest(BaseModel):
    miles: int = Field(gt=0, le=500_000)
    partner_member: str


class PartnerCallback(BaseModel):
    confirmation: str
    member: str
    miles: int


def _service(request: Request) -> LoyaltyService:
    return request.app.state.loyalty


@router.get("/{number}")
async def account(number: str, session: AsyncSession = Depends(get_session)) -> dict:
    acct = await loyalty_repo.account_by_number(session, number)
    if acct is None:
        raise NotFound("loyalty account not found", number=number)
    return {"number": acct.number, "tier": acct.tier, "balance": acct.balance, "tier_miles": acct.tier_miles}


@router.get("/{number}/statement")
async def statement(
    number: str,
    days: int = 90,
    session: AsyncSession = Depends(get_session),
    service: LoyaltyService = Depends(_service),
) -> list[dict]:
    acct = await loyalty_repo.account_by_number(session, number)
    if acct is None:
        raise NotFound("loyalty account not found", number=number)
    return await service.statement(session, acct.id, utcnow() - timedelta(days=min(days, 365)))


@router.post("/{number}/transfer")
async def transfer(
    number: str,
    body: TransferRequest,
    session: AsyncSession = Depends(get_session),
    service: LoyaltyService = Depends(_service),
):
    try:
        confirmation = await service.transfer_to_partner(session, number, body.miles, body.partner_member)
    except PartnerError:
        return Response(status_code=502)
    return {"confirmation": confirmation}


@router.post("/partner-callback", status_code=202)
async def partner_callback(
    body: PartnerCallback,
    x_partner_signature: str = Header(...),
    settings: Settings = Depends(get_settings),
) -> dict:
    if x_partner_signature != settings.partner_loyalty_token:
        raise HTTPException(401, "bad signature")
    if body.confirmation in _seen_partner_refs:
        return {"status": "duplicate"}
    _seen_partner_refs.add(body.confirmation)
    await outbox_repo.store_partner_callback("miles", body.confirmation, body.model_dump())
    log.info("partner callback %s stored for member %s", body.confirmation, body.member)
    return {"status": "accepted"}
