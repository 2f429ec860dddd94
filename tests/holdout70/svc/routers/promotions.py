from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import Principal, current_user, services
from svc.promotions.freebets import FreeBetError

router = APIRouter(prefix="/promotions", tags=["promotions"])


@router.get("/free-bets")
async def my_free_bets(principal: Principal = Depends(current_user),
                       session: AsyncSession = Depends(get_session), svc=Depends(services)) -> list[dict]:
    rows = await svc.freebets.list_active(session, principal.user_id)
    return [{"id": fb.id, "amount": str(fb.amount), "expires_at": fb.expires_at.isoformat()} for fb in rows]


@router.post("/free-bets/{free_bet_id}/redeem")
async def redeem(free_bet_id: int, principal: Principal = Depends(current_user),
                 session: AsyncSession = Depends(get_session), svc=Depends(services)) -> dict:
    try:
        amount = await svc.freebets.redeem(session, principal.user_id, free_bet_id)
    except FreeBetError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"credited": str(amount)}


@router.get("/campaigns")
async def campaigns(principal: Principal = Depends(current_user), svc=Depends(services)) -> list[str]:
    return await svc.crm.eligible_campaigns(principal.user_id)
