from __future__ import annotations

import asyncio
from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..repositories import accounts as accounts_repo
from ..services import statements as statement_service
from ..utils.pdf import render_statement_pdf
from .deps import current_customer_id

router = APIRouter(prefix="/v1/statements", tags=["statements"])


async def _owned_account(session: AsyncSession, account_id: int, customer_id: int):
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "account not found")
    return account


@router.get("/{account_id}/{day}")
async def download_statement(
    account_id: int,
    day: date,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> Response:
    account = await _owned_account(session, account_id, customer_id)
    path = statement_service.statement_path(account.account_number, day)
    exists = await asyncio.to_thread(path.exists)
    if exists:
        data = await asyncio.to_thread(path.read_bytes)
        return Response(data, media_type="application/pdf")
    rows = await statement_service.statement_rows(account_id, day)
    pdf = render_statement_pdf(f"Activity {account.account_number} {day} (provisional)", rows)
    return Response(pdf, media_type="application/pdf")


@router.get("/{account_id}/{day}/activity")
async def activity(
    account_id: int,
    day: date,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await _owned_account(session, account_id, customer_id)
    cash_moves = await statement_service.activity_for_day(account_id, day)
    trades = [m for m in cash_moves if m["entry_type"] == "trade"]
    others = [m for m in cash_moves if m["entry_type"] != "trade"]
    return {"items": statement_service.merge_activity(trades, others)}
