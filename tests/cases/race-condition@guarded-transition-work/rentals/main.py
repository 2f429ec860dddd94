from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from rentals.service import DepositService, Gateway, RentalService

app = FastAPI()
SessionLocal = async_sessionmaker(create_async_engine("postgresql+asyncpg://db/rentals"), class_=AsyncSession)


@app.post("/rentals/{rental_id}/close")
async def close_rental(rental_id: int) -> dict[str, str]:
    async with SessionLocal() as session:
        rental = await RentalService(session, Gateway()).close(rental_id)
        return {"status": rental.status}


@app.post("/rentals/{rental_id}/note")
async def note_rental(rental_id: int, note: str) -> dict[str, str]:
    async with SessionLocal() as session:
        rental = await RentalService(session, Gateway()).annotate(rental_id, note)
        return {"status": rental.status}


@app.post("/rentals/{rental_id}/extend")
async def extend(rental_id: int, extra: str, note: str) -> dict[str, str]:
    async with SessionLocal() as session:
        service = DepositService(session)
        await service.rename(rental_id, note)
        rental = await service.extend_note(rental_id, extra)
        return {"note": rental.note}
