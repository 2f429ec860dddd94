"""Inspection scheduling and wallet API."""
from datetime import date

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from booking.service import SchedulingService, WalletService

engine = create_async_engine("postgresql+asyncpg://localhost/inspect")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def session():
    async with Sessions() as s:
        yield s


@app.post("/inspections/{inspection_id}/reschedule")
async def reschedule(inspection_id: int, inspector_id: int, day: date, slot: int,
                     s: AsyncSession = Depends(session)) -> dict:
    service = SchedulingService(s)
    await service.reschedule(inspection_id, inspector_id, day, slot)
    await service.annotate_free(inspection_id, inspector_id, day, slot)
    return {"ok": True}


@app.post("/accounts/{account_id}/withdraw")
async def withdraw(account_id: int, amount_cents: int, s: AsyncSession = Depends(session)) -> dict:
    wallet = WalletService(s)
    await wallet.withdraw(account_id, amount_cents)
    await wallet.rename_if_funded(account_id, "saver")
    return {"ok": True}
