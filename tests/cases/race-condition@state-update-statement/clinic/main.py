from fastapi import Depends, FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from clinic.booking import BookingService
from clinic.models import Booking

engine = create_async_engine("postgresql+asyncpg://localhost/clinic")
Sessions = async_sessionmaker(engine)
redis = Redis.from_url("redis://localhost")
app = FastAPI()


async def service():
    async with Sessions() as s:
        yield BookingService(s, redis)


async def booking_of(booking_id: int, svc: BookingService = Depends(service)) -> Booking:
    return await svc._session.get(Booking, booking_id)


@app.post("/bookings/{booking_id}/move")
async def move(new_slot_id: int, booking: Booking = Depends(booking_of), svc: BookingService = Depends(service)) -> None:
    await svc.move(booking, new_slot_id)


@app.post("/bookings/{booking_id}/move-locked")
async def move_locked(new_slot_id: int, booking: Booking = Depends(booking_of),
                      svc: BookingService = Depends(service)) -> None:
    await svc.move_locked(booking, new_slot_id)


@app.post("/bookings/{booking_id}/move-atomic")
async def move_atomic(new_slot_id: int, booking: Booking = Depends(booking_of),
                      svc: BookingService = Depends(service)) -> None:
    await svc.move_atomic(booking, new_slot_id)


@app.post("/slots/{slot_id}/hold")
async def hold(slot_id: int, patient_id: int, svc: BookingService = Depends(service)) -> None:
    await svc.hold(slot_id, patient_id)


@app.post("/slots/{slot_id}/release-other")
async def release_other(slot_id: int, other_id: int, svc: BookingService = Depends(service)) -> None:
    await svc.release_other(slot_id, other_id)
