"""Ski school scheduling system (instructor calendars live there)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from ..config import Settings


class CalendarConflict(Exception):
    pass


class InstructorCalendarClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.instructor_api_url

    async def reserve_slot(self, instructor_ref: str, starts_at: datetime, minutes: int, lesson_id: int) -> str:
        async with httpx.AsyncClient(base_url=self._base, timeout=20.0) as client:
            resp = await client.post(
                f"/instructors/{instructor_ref}/reservations",
                json={"start": starts_at.isoformat(), "minutes": minutes, "external_id": f"lesson-{lesson_id}"},
            )
        if resp.status_code == 409:
            raise CalendarConflict(resp.json().get("detail", "slot taken"))
        resp.raise_for_status()
        return resp.json()["reservation_id"]

    async def availability(self, instructor_refs: list[str], day: str) -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=self._base, timeout=10.0) as client:
            resp = await client.get("/availability", params={"ids": ",".join(instructor_refs), "day": day})
        resp.raise_for_status()
        return resp.json()
