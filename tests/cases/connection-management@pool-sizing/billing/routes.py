"""Invoices: async endpoints on the async engine."""
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from billing.db import get_session

router = APIRouter(prefix="/invoices")


@router.get("/{invoice_id}")
async def get_invoice(invoice_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    result = await session.execute(text("SELECT id, amount FROM invoices WHERE id = :id"), {"id": invoice_id})
    row = result.first()
    return {"id": row.id, "amount": row.amount} if row else {}


@router.post("/{invoice_id}/paid")
async def mark_paid(invoice_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    await session.execute(text("UPDATE invoices SET paid = true WHERE id = :id"), {"id": invoice_id})
    await session.commit()
    return {"id": invoice_id, "paid": True}
