"""Back-office report endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from shop.db import get_session

router = APIRouter(prefix="/reports")


@router.get("/monthly")
async def monthly(month: str, session: AsyncSession = Depends(get_session)) -> list[dict]:
    result = await session.execute(
        text(
            "SELECT customer_id, sum(total_cents) AS total FROM orders"
            " WHERE to_char(created_at, 'YYYY-MM') = :month GROUP BY customer_id"
        ),
        {"month": month},
    )
    return [dict(r._mapping) for r in result]
