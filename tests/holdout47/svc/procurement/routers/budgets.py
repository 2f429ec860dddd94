from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.fx_client import fx_client
from procurement.config import get_settings
from procurement.db.engine import get_session
from procurement.repositories import budget_repo
from procurement.schemas import BudgetAdjustIn
from procurement.security import Principal, require_role
from procurement.services import budget_service
from procurement.utils.money import quantize

router = APIRouter(prefix="/cost-centres", tags=["budgets"])


@router.get("/{cost_centre_id}/available")
async def available(
    cost_centre_id: int,
    currency: str | None = None,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    try:
        amount = await budget_service.available(session, cost_centre_id)
    except budget_service.UnknownCostCentre as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown cost centre") from exc
    base = get_settings().base_currency
    if currency and currency.upper() != base:
        rates = await fx_client.latest(base)
        amount = quantize(amount * rates[currency.upper()], currency.upper())
        return {"available": str(amount), "currency": currency.upper()}
    return {"available": str(amount), "currency": base}


@router.put("/{cost_centre_id}/budget")
async def adjust(
    cost_centre_id: int,
    body: BudgetAdjustIn,
    principal: Principal = Depends(require_role("finance")),
    session: AsyncSession = Depends(get_session),
):
    try:
        headroom = await budget_service.adjust_budget(session, cost_centre_id, body.annual_budget)
    except budget_service.UnknownCostCentre as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown cost centre") from exc
    except budget_service.BudgetExceeded as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "budget below committed spend") from exc
    return {"annual_budget": str(body.annual_budget), "headroom": str(headroom)}


@router.get("/{cost_centre_id}/holds")
async def holds(
    cost_centre_id: int,
    principal: Principal = Depends(require_role("finance")),
    session: AsyncSession = Depends(get_session),
):
    rows = await budget_repo.open_holds(session, cost_centre_id)
    total = sum((h.amount for h in rows), Decimal("0"))
    return {"open_holds": len(rows), "total": str(total)}
