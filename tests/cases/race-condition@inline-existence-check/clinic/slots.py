"""Appointment storage (asyncpg)."""
import asyncpg

pool: asyncpg.Pool | None = None


async def slot_taken(doctor_id: int, day: str, hour: int) -> bool:
    async with pool.acquire() as conn:
        return await conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND day = $2 AND hour = $3)",
            doctor_id, day, hour)


async def find_visit(patient_id: int, day: str) -> asyncpg.Record | None:
    async with pool.acquire() as conn:
        return await conn.fetchrow("SELECT id FROM visits WHERE patient_id = $1 AND day = $2", patient_id, day)


async def add_appointment(doctor_id: int, day: str, hour: int, patient_id: int) -> None:
    async with pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO appointments (doctor_id, day, hour, patient_id) VALUES ($1, $2, $3, $4)",
            doctor_id, day, hour, patient_id)


async def add_visit(patient_id: int, day: str) -> None:
    async with pool.acquire() as conn:
        await conn.execute("INSERT INTO visits (patient_id, day) VALUES ($1, $2)", patient_id, day)


async def add_visit_once(patient_id: int, day: str) -> None:
    async with pool.acquire() as conn:
        await conn.execute("INSERT INTO visits (patient_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                           patient_id, day)
