import uuid
from datetime import date, datetime

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from .repository import InvoiceRepository

router = APIRouter()


async def get_session() -> AsyncSession:  # pragma: no cover - wired by the app
    raise NotImplementedError


@router.get("/tenants/{tenant_id}/invoices/issued/{day}")
async def issued_on(tenant_id: uuid.UUID, day: date, session: AsyncSession = Depends(get_session)) -> list[str]:
    return [i.number for i in await InvoiceRepository(session).issued_on(tenant_id, day)]


@router.get("/tenants/{tenant_id}/invoices/between")
async def issued_between(tenant_id: uuid.UUID, start: datetime, end: datetime,
                         session: AsyncSession = Depends(get_session)) -> list[str]:
    return [i.number for i in await InvoiceRepository(session).issued_between(tenant_id, start, end)]


@router.get("/invoices/due/{day}")
async def due_on(day: date, session: AsyncSession = Depends(get_session)) -> list[str]:
    return [i.number for i in await InvoiceRepository(session).due_on_any_tenant(day)]


@router.get("/tenants/{tenant_id}/invoices/by-number/{number}")
async def by_number(tenant_id: uuid.UUID, number: str, session: AsyncSession = Depends(get_session)) -> str | None:
    invoice = await InvoiceRepository(session).by_number(tenant_id, number)
    return invoice.number if invoice else None
