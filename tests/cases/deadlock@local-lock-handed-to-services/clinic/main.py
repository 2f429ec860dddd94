import asyncio

import asyncpg
from fastapi import FastAPI

from clinic.services import Booking, Drives, EnvLocks, Environments, Flags, Rooms, Visits

app = FastAPI()


async def build(pool: asyncpg.Pool) -> tuple[Booking, Visits, Flags]:
    capacity_lock = asyncio.Lock()
    drives = Drives(pool, capacity_lock)
    rooms = Rooms(pool, asyncio.Lock())
    locks = EnvLocks()
    return Booking(drives, capacity_lock), Visits(rooms, asyncio.Lock()), Flags(Environments(pool, locks), locks)


@app.post("/walk-in/{drive_id}")
async def walk_in(drive_id: int, room_id: int, env_id: int) -> dict:
    booking, visits, flags = await build(await asyncpg.create_pool())
    await booking.walk_in(drive_id)
    await visits.start(room_id)
    return {}
