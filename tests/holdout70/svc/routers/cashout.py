from __future__ import annotations

import logging
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cashout.pricing import CashoutNotAvailable
from svc.cashout.trading_client import TradingUnavailable
from svc.db.engine import get_session
from svc.db.models import Bet
from svc.deps import Principal, current_user, services

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/cashout", tags=["cashout"])


class CashoutBody(BaseModel):
    accepted_amount: Decimal = Field(gt=0)


@router.get("/{bet_id}/quote")
async def quote(bet_id: int, principal: Principal = Depends(current_user),
                session: AsyncSession = Depends(get_session), svc=Depends(services)) -> dict:
    bet = await session.get(Bet, bet_id)
    if bet is None or bet.user_id != principal.user_id:
        raise HTTPException(404, "unknown bet")
    try:
        offer = await svc.cashout.quote(bet_id, bet.stake)
    except CashoutNotAvailable as exc:
        return {"available": False, "reason": str(exc)}
    except TradingUnavailable:
        logger.warning("cash-out quote for bet %s unavailable: trading down", bet_id)
        return {"available": False, "reason": "temporarily_unavailable"}
    return {"available": True, "offer": str(offer)}


@router.post("/{bet_id}")
async def cash_out(bet_id: int, body: CashoutBody, principal: Principal = Depends(current_user),
                   session: AsyncSession = Depends(get_session), svc=Depends(services)) -> dict:
    try:
        amount = await svc.cashout.cash_out(session, principal.user_id, bet_id, body.accepted_amount)
    except CashoutNotAvailable as exc:
        raise HTTPException(409, str(exc)) from exc
    except TradingUnavailable as exc:
        raise HTTPException(503, "cash-out temporarily unavailable") from exc
    svc.webhooks.emit_tracked("bet.cashed_out", {"bet_id": bet_id, "amount": str(amount)})
    return {"bet_id": bet_id, "amount": str(amount)}
