"""Creator payouts and withdrawals."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.clients.payments import PaymentError
from podhost.db.engine import get_session
from podhost.deps import CurrentCreator, current_creator
from podhost.services.payout_service import InsufficientBalance, PayoutService

router = APIRouter(prefix="/v1/payouts", tags=["payouts"])


class WithdrawIn(BaseModel):
    amount_cents: int = Field(gt=0)


def _service(request: Request, session: AsyncSession) -> PayoutService:
    svc = request.app.state.services
    return PayoutService(session, svc.analytics_repo, svc.payout_repo, svc.payments, request.app.state.settings)


@router.get("")
async def history(request: Request, creator: CurrentCreator = Depends(current_creator)) -> list[dict]:
    rows = await request.app.state.services.payout_repo.for_creator(creator.id)
    return [dict(r) for r in rows]


@router.post("/withdraw")
async def withdraw(
    body: WithdrawIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        ref = await _service(request, session).withdraw(creator.id, body.amount_cents)
    except InsufficientBalance as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except PaymentError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "payment provider rejected the transfer") from exc
    return {"reference": ref, "requested_at": datetime.now(timezone.utc).isoformat()}


@router.get("/statement.csv")
async def statement(
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> PlainTextResponse:
    body = await _service(request, session).statement_csv(creator.id)
    return PlainTextResponse(body, media_type="text/csv")
