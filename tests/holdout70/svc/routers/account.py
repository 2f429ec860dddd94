from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.db.models import User
from svc.deps import Principal, current_user, services, verify_pin

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/account", tags=["account"])


class PinBody(BaseModel):
    pin: str = Field(min_length=4, max_length=8)


class LimitBody(BaseModel):
    kind: str = Field(pattern="^(deposit_daily|loss_weekly|stake_single|stake_daily)$")
    amount: Decimal = Field(gt=0)


class WithdrawBody(PinBody):
    amount: Decimal = Field(gt=0)


@router.post("/pin/check")
async def check_pin(body: PinBody, principal: Principal = Depends(current_user),
                    session: AsyncSession = Depends(get_session)) -> dict:
    user = await session.get(User, principal.user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    ok = await asyncio.to_thread(verify_pin, body.pin, user.pin_salt, user.pin_hash)
    return {"ok": ok}


@router.post("/withdrawals")
async def request_withdrawal(body: WithdrawBody, principal: Principal = Depends(current_user),
                             session: AsyncSession = Depends(get_session), svc=Depends(services)) -> dict:
    user = await session.get(User, principal.user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if not verify_pin(body.pin, user.pin_salt, user.pin_hash):
        logger.info("withdrawal pin mismatch for user %s", user.id)
        raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong pin")
    available = await svc.wallet.balance(user.id)
    if body.amount > available:
        raise HTTPException(status.HTTP_409_CONFLICT, "amount above available balance")
    ref = svc.wallet.new_reference("wd")
    await svc.withdrawals.submit(user.id, body.amount, ref)
    return {"reference": ref}


@router.put("/limits")
async def set_limit(body: LimitBody, principal: Principal = Depends(current_user), svc=Depends(services)) -> dict:
    from datetime import datetime, timedelta, timezone

    effective = datetime.now(timezone.utc) + timedelta(hours=24)
    await svc.rg_repo.set_limit(principal.user_id, body.kind, body.amount, effective)
    return {"kind": body.kind, "amount": str(body.amount)}


@router.get("/limits")
async def get_limits(principal: Principal = Depends(current_user), svc=Depends(services)) -> dict:
    limits = await svc.rg_repo.limits_for(principal.user_id)
    return {k: str(v) for k, v in limits.items()}
