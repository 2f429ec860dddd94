"""Calendar routes: one service object per request."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from pricing.calendar import CalendarService, FxTable, QuoteService
from pricing.repo import PlanRepository

router = APIRouter()


@router.get("/rooms/{room_id}/calendar")
async def calendar(room_id: int, start: date, request: Request) -> dict:
    repo = PlanRepository(request.app.state.pool)
    days = await CalendarService(repo).month(room_id, start)
    price = await QuoteService(repo).quote(room_id)
    rate = await FxTable(repo).rate("USD")
    return {"days": days, "price": price, "usd": price * rate}
