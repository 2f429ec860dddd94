"""Housekeeping assignment, review moderation and promotions."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.caching import AmenityIndex
from svc.db.models import Review
from svc.errors import ConflictError, NotFoundError, RateLimitedError
from svc.repos.catalog import ReviewRepository, RosterRepository
from svc.repos.housekeeping import HousekeepingRepository

logger = logging.getLogger(__name__)


class RoomStatusBoard:
    """Local board of room readiness, guarded in a fixed order: rooms, then staff."""

    def __init__(self) -> None:
        self._rooms_lock = asyncio.Lock()
        self._staff_lock = asyncio.Lock()
        self._ready: set[int] = set()
        self._busy_staff: set[int] = set()

    async def start_cleaning(self, room_id: int, staff_id: int) -> None:
        async with self._rooms_lock:
            self._ready.discard(room_id)
            async with self._staff_lock:
                self._busy_staff.add(staff_id)

    async def finish_cleaning(self, room_id: int, staff_id: int) -> None:
        async with self._rooms_lock, self._staff_lock:
            self._ready.add(room_id)
            self._busy_staff.discard(staff_id)


class HousekeepingService:
    def __init__(self, repo: HousekeepingRepository, roster: RosterRepository) -> None:
        self._repo = repo
        self._roster = roster

    async def claim(self, task_id: int, staff_id: int) -> None:
        task = await self._repo.get_task(task_id)
        if task["assigned_to"] is not None:
            raise ConflictError("task already assigned")
        await self._repo.set_assignee(task_id, staff_id)

    async def claim_atomic(self, task_id: int, staff_id: int) -> None:
        if not await self._repo.claim_if_free(task_id, staff_id):
            raise ConflictError("task already assigned")

    async def board(self, property_id: int) -> list[dict]:
        tasks = await self._repo.open_for_property(property_id, datetime.now(timezone.utc) + timedelta(hours=12))
        return [{**dict(t), "room": await self._repo.room_code(t["room_id"])} for t in tasks]

    async def board_batched(self, property_id: int) -> list[dict]:
        tasks = await self._repo.open_for_property(property_id, datetime.now(timezone.utc) + timedelta(hours=12))
        codes = await self._repo.room_codes(list({t["room_id"] for t in tasks}))
        return [{**dict(t), "room": codes.get(t["room_id"])} for t in tasks]

    async def my_tasks(self, staff_id: int) -> list[dict]:
        tasks = await self._roster.tasks_for_staff(staff_id)
        return [{"id": t.id, "room_id": t.room_id, "kind": t.kind, "due_at": t.due_at.isoformat()} for t in tasks]

    @staticmethod
    def round_robin(task_ids: Sequence[int], staff_ids: Sequence[int]) -> dict[int, list[int]]:
        pending = list(task_ids)
        plan: dict[int, list[int]] = {s: [] for s in staff_ids}
        i = 0
        while pending:
            plan[staff_ids[i % len(staff_ids)]].append(pending.pop(0))
            i += 1
        return plan

    @staticmethod
    def round_robin_deque(task_ids: Sequence[int], staff_ids: Sequence[int]) -> dict[int, list[int]]:
        pending = deque(task_ids)
        plan: dict[int, list[int]] = {s: [] for s in staff_ids}
        i = 0
        while pending:
            plan[staff_ids[i % len(staff_ids)]].append(pending.popleft())
            i += 1
        return plan


class ReviewService:
    def __init__(self, session: AsyncSession, amenities: AmenityIndex, cache: redis.Redis) -> None:
        self._repo = ReviewRepository(session)
        self._amenities = amenities
        self._cache = cache

    async def submit(self, property_id: int, reservation_id: int, rating: int, body: str) -> Review:
        if await self._repo.has_review_for(reservation_id):
            raise ConflictError("this stay was already reviewed")
        review = await self._repo.add(
            Review(property_id=property_id, reservation_id=reservation_id, rating=rating, body=body)
        )
        await self._repo.commit()
        return review

    async def moderation_queue(self) -> list[dict]:
        return [{"id": r.id, "rating": r.rating, "body": r.body} for r in await self._repo.pending_queue()]

    async def approve(self, review_ids: Sequence[int]) -> int:
        reviews = await self._repo.get_by_ids(review_ids)
        if not reviews:
            raise NotFoundError("no such reviews")
        await self._repo.set_status([r.id for r in reviews], "approved")
        await self._repo.commit()
        for property_id in {r.property_id for r in reviews}:
            self._invalidate(property_id)
        return len(reviews)

    async def reject(self, review_ids: Sequence[int]) -> int:
        reviews = await self._repo.get_many(review_ids)
        await self._repo.set_status([r.id for r in reviews], "rejected")
        await self._repo.commit()
        await asyncio.gather(*(self._invalidate(pid) for pid in {r.property_id for r in reviews}))
        return len(reviews)

    async def _invalidate(self, property_id: int) -> None:
        await self._cache.delete(f"property:{property_id}:reviews")


class PromoService:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache

    async def redeem(self, code: str, limit: int) -> int:
        key = f"promo:{code}:uses"
        used = int(await self._cache.get(key) or 0)
        if used >= limit:
            raise RateLimitedError("promotion fully redeemed")
        await self._cache.set(key, used + 1)
        return used + 1

    async def redeem_atomic(self, code: str, limit: int) -> int:
        key = f"promo:{code}:uses"
        used = await self._cache.incr(key)
        if used > limit:
            await self._cache.decr(key)
            raise RateLimitedError("promotion fully redeemed")
        return used
