"""Class schedules, instructor views and in-class attendance."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.clients.partners import InstructorDirectory
from svc.db.models import Booking, ClassSession, Gym, WearableSample
from svc.errors import NotFound


class ClassService:
    """Request-scoped: built per request around the request's ORM session."""

    def __init__(self, session: AsyncSession, directory: InstructorDirectory) -> None:
        self._session = session
        self._directory = directory

    @lru_cache(maxsize=None)
    def zone(self, tz_name: str) -> ZoneInfo:
        return ZoneInfo(tz_name)

    async def schedule(self, gym_id: int, day_start: datetime, days: int = 7) -> list[dict[str, Any]]:
        stmt = (
            select(ClassSession)
            .options(selectinload(ClassSession.instructor))
            .where(ClassSession.gym_id == gym_id, ClassSession.starts_at >= day_start)
            .where(ClassSession.starts_at < day_start + timedelta(days=days))
            .order_by(ClassSession.starts_at)
        )
        gym = await self._session.get(Gym, gym_id)
        if gym is None:
            raise NotFound(f"gym {gym_id} not found")
        tz = self.zone(gym.timezone)
        return [
            {
                "id": c.id,
                "title": c.title,
                "starts_at": c.starts_at.astimezone(tz).isoformat(),
                "instructor": c.instructor.display_name,
                "open_seats": c.capacity - c.booked_count,
            }
            for c in (await self._session.scalars(stmt)).all()
        ]

    async def instructor_week(self, instructor_id: int, week_start: datetime) -> list[dict[str, Any]]:
        classes = (
            await self._session.scalars(
                select(ClassSession)
                .where(ClassSession.instructor_id == instructor_id)
                .where(ClassSession.starts_at.between(week_start, week_start + timedelta(days=7)))
                .order_by(ClassSession.starts_at)
            )
        ).all()
        week = []
        for cls in classes:
            booked = await self._session.scalar(
                select(func.count()).select_from(Booking).where(Booking.class_id == cls.id, Booking.status == "booked")
            )
            week.append({"id": cls.id, "title": cls.title, "starts_at": cls.starts_at, "booked": booked})
        return week

    async def search(self, gym_id: int, text: str, limit: int = 20) -> list[dict[str, Any]]:
        stmt = (
            select(ClassSession.id, ClassSession.title, ClassSession.starts_at)
            .where(ClassSession.gym_id == gym_id, ClassSession.title.ilike(f"%{text}%"))
            .order_by(ClassSession.starts_at.desc())
            .limit(limit)
        )
        return [dict(r._mapping) for r in (await self._session.execute(stmt)).all()]

    async def detail(self, class_id: int) -> dict[str, Any]:
        cls = await self._session.get(ClassSession, class_id)
        if cls is None:
            raise NotFound(f"class {class_id} not found")
        profile = await self._directory.get_profile(cls.instructor_id)
        certifications = await self._directory.get_certifications(cls.instructor_id)
        return {
            "id": cls.id,
            "title": cls.title,
            "starts_at": cls.starts_at,
            "open_seats": cls.capacity - cls.booked_count,
            "instructor": {"name": profile["display_name"], "bio": profile.get("bio"), "certifications": certifications},
        }

    async def device_heart_rate(self, device_id: int, since: datetime) -> list[tuple[datetime, int]]:
        stmt = (
            select(WearableSample.recorded_at, WearableSample.heart_rate)
            .where(WearableSample.device_id == device_id, WearableSample.recorded_at >= since)
            .order_by(WearableSample.recorded_at)
            .limit(2000)
        )
        return [(r.recorded_at, r.heart_rate) for r in (await self._session.execute(stmt)).all()]


class AttendanceTracker:
    """Members the instructor marks present while a class is running, flushed when the class ends."""

    def __init__(self) -> None:
        self._present: dict[int, set[int]] = {}

    def start(self, class_id: int) -> None:
        self._present.setdefault(class_id, set())

    def mark(self, class_id: int, member_id: int) -> int:
        present = self._present.setdefault(class_id, set())
        present.add(member_id)
        return len(present)

    def finish(self, class_id: int) -> set[int]:
        return self._present.pop(class_id, set())


class ClassPhaseStore:
    """Current phase of a running class (warm-up, interval n, cool-down), shared by all replicas."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def set_phase(self, class_id: int, phase: str, ends_at: datetime) -> None:
        key = f"class:{class_id}:phase"
        await self._redis.hset(key, mapping={"phase": phase, "ends_at": ends_at.isoformat()})
        await self._redis.expire(key, 4 * 3600)

    async def get_phase(self, class_id: int) -> dict[str, str]:
        return await self._redis.hgetall(f"class:{class_id}:phase")
