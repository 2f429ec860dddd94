from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import PlainTextResponse, StreamingResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from billing.db import get_session
from billing.models import Currency, Invoice

app = FastAPI()
router = APIRouter(prefix="/billing")


@router.get("/export/invoices.csv")
async def export_invoices(session: AsyncSession = Depends(get_session)) -> PlainTextResponse:
    invoices = (await session.scalars(select(Invoice).order_by(Invoice.issued_at))).all()  # expect: slow-query
    lines = [f"{i.id},{i.customer_id},{i.total},{i.status}" for i in invoices]
    return PlainTextResponse("\n".join(["id,customer,total,status", *lines]), media_type="text/csv")


@router.get("/export/invoices-streamed.csv")
async def export_invoices_streamed(session: AsyncSession = Depends(get_session)) -> StreamingResponse:
    async def rows() -> AsyncIterator[str]:
        yield "id,customer,total,status\n"
        result = await session.stream_scalars(select(Invoice).order_by(Invoice.issued_at))
        async for i in result:
            yield f"{i.id},{i.customer_id},{i.total},{i.status}\n"

    return StreamingResponse(rows(), media_type="text/csv")


@router.get("/customers/{customer_id}/invoices")
async def customer_invoices(customer_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    stmt = select(Invoice).where(Invoice.customer_id == customer_id).order_by(Invoice.issued_at.desc()).limit(50)
    return [{"id": i.id, "total": str(i.total)} for i in (await session.scalars(stmt)).all()]


@router.get("/invoices/recent")
async def recent_invoices(since: datetime, session: AsyncSession = Depends(get_session)) -> list[dict]:
    stmt = select(Invoice).where(Invoice.issued_at >= since).order_by(Invoice.issued_at).limit(200)
    return [{"id": i.id, "status": i.status} for i in (await session.scalars(stmt)).all()]


@router.get("/currencies")
async def currencies(session: AsyncSession = Depends(get_session)) -> list[dict]:
    # a small reference table, listed by code: nothing grows here
    rows = (await session.scalars(select(Currency).order_by(Currency.code))).all()
    return [{"code": c.code, "name": c.name} for c in rows]


app.include_router(router)
