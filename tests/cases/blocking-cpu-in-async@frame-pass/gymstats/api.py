"""Report endpoints."""
import asyncio

from fastapi import APIRouter

from .frames import attendance_summary, churn_table

router = APIRouter()


async def _rows(gym_id: int) -> list[dict]:
    return [{"gym_id": gym_id, "hour": 0, "member_id": 1, "checked_in_at": "2024-01-01T00:00:00", "days_idle": 3}]


@router.get("/gyms/{gym_id}/attendance")
async def attendance(gym_id: int) -> list[dict]:
    return attendance_summary(await _rows(gym_id))  # expect: blocking-cpu-in-async


@router.get("/gyms/{gym_id}/churn")
async def churn(gym_id: int) -> list[dict]:
    return await asyncio.to_thread(churn_table, await _rows(gym_id))
