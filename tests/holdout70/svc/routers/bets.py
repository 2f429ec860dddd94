from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.betslip.schemas import BetSlip, PlacementResult
from svc.db.engine import get_session
from svc.db.models import Event
from svc.deps import Principal, current_user, services

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/bets", tags=["bets"])


@router.post("", response_model=PlacementResult)
async def place_bet(
    slip: BetSlip,
    principal: Principal = Depends(current_user),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> PlacementResult:
    if slip.partner_ref:
        existing = await svc.bet_repo.find_by_partner_ref(session, slip.partner_ref)
        if existing is not None:
            return PlacementResult(bet_id=existing.id, status="accepted", odds=existing.odds)
    try:
        result = await svc.placement.place(session, principal.user_id, slip)
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    if result.status == "accepted":
        svc.webhooks.emit("bet.accepted", {"bet_id": result.bet_id, "partner_ref": slip.partner_ref,
                                           "stake": str(slip.stake), "odds": str(result.odds)})
    return result


@router.get("/history")
async def bet_history(
    before: datetime | None = None,
    limit: int = Query(50, le=200),
    principal: Principal = Depends(current_user),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[dict]:
    bets = await svc.bet_repo.history(session, principal.user_id, before, limit)
    out = []
    for bet in bets:
        event = await session.get(Event, bet.event_id)
        out.append(
            {
                "id": bet.id,
                "event": event.name if event else None,
                "stake": str(bet.stake),
                "odds": str(bet.odds),
                "status": bet.status.value,
                "legs": [{"selection_id": leg.selection_id, "odds": str(leg.odds)} for leg in bet.legs],
                "placed_at": bet.placed_at.isoformat(),
            }
        )
    return out


@router.get("/open")
async def open_bets(
    principal: Principal = Depends(current_user),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[dict]:
    bets = await svc.bet_repo.open_bets(session, principal.user_id)
    return [{"id": b.id, "stake": str(b.stake), "potential_payout": str(b.potential_payout)} for b in bets]
