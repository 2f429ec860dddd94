from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from ..dependencies import current_user, payout_service
from ..models import User
from ..services.payouts import PayoutService

router = APIRouter(prefix="/payouts", tags=["payouts"])


@router.get("")
async def history(user: User = Depends(current_user), svc: PayoutService = Depends(payout_service)) -> list[dict[str, Any]]:
    return await svc.history(user.id)


@router.get("/estimate")
async def estimate(
    gross_cents: int = Query(gt=0),
    lifetime_billed_cents: int = Query(0, ge=0),
    user: User = Depends(current_user),
    svc: PayoutService = Depends(payout_service),
) -> dict[str, str]:
    return svc.estimate_net(user.id, gross_cents, lifetime_billed_cents)
