"""ORM queries for properties, rooms, rate plans, reviews and staff rosters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import HousekeepingTask, Property, RatePlan, Review, Room
from svc.errors import NotFoundError


class BaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def commit(self) -> None:
        await self.session.commit()


class PropertyRepository(BaseRepository):
    async def get(self, property_id: int) -> Property:
        prop = await self.session.get(Property, property_id)
        if prop is None:
            raise NotFoundError(f"property {property_id} not found")
        return prop

    async def with_rooms_and_photos(self, property_id: int) -> Property:
        stmt = (
            select(Property)
            .where(Property.id == property_id)
            .options(selectinload(Property.rooms).selectinload(Room.photos))
        )
        prop = (await self.session.execute(stmt)).scalar_one_or_none()
        if prop is None:
            raise NotFoundError("property not found", detail={"property_id": property_id})
        return prop

    async def rooms(self, property_id: int) -> Sequence[Room]:
        result = await self.session.execute(select(Room).where(Room.property_id == property_id).order_by(Room.code))
        return result.scalars().all()

    async def in_city(self, city: str, limit: int = 50) -> Sequence[Property]:
        result = await self.session.execute(
            select(Property).where(Property.city == city).order_by(Property.id).limit(limit)
        )
        return result.scalars().all()

    async def search_by_name(self, term: str, limit: int = 50) -> Sequence[Property]:
        result = await self.session.execute(
            select(Property).where(Property.name.ilike(f"%{term}%")).order_by(Property.name).limit(limit)
        )
        return result.scalars().all()


class RatePlanRepository(BaseRepository):
    async def for_room(self, room_id: int, start: date, end: date) -> Sequence[RatePlan]:
        result = await self.session.execute(
            select(RatePlan)
            .where(RatePlan.room_id == room_id, RatePlan.stay_date >= start, RatePlan.stay_date < end)
            .order_by(RatePlan.stay_date)
        )
        return result.scalars().all()

    async def for_rooms(self, room_ids: Sequence[int], start: date, end: date) -> Sequence[RatePlan]:
        result = await self.session.execute(
            select(RatePlan)
            .where(RatePlan.room_id.in_(room_ids), RatePlan.stay_date >= start, RatePlan.stay_date < end)
            .order_by(RatePlan.room_id, RatePlan.stay_date)
        )
        return result.scalars().all()

    async def upsert_prices(self, rows: list[dict]) -> None:
        stmt = insert(RatePlan).values(rows)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_rate_plans_room_date",
            set_={"price": stmt.excluded.price, "updated_at": func.now()},
        )
        await self.session.execute(stmt)


class ReviewRepository(BaseRepository):
    async def get_many(self, review_ids: Sequence[int]) -> Sequence[Review]:
        result = await self.session.execute(select(Review).where(Review.id.in_(review_ids)))
        return result.scalars().all()

    async def has_review_for(self, reservation_id: int) -> bool:
        found = await self.session.scalar(select(Review.id).where(Review.reservation_id == reservation_id).limit(1))
        return found is not None

    async def add(self, review: Review) -> Review:
        self.session.add(review)
        await self.session.flush()
        return review

    async def pending_queue(self, limit: int = 100) -> Sequence[Review]:
        result = await self.session.execute(
            select(Review).where(Review.moderation_status == "pending").order_by(Review.created_at).limit(limit)
        )
        return result.scalars().all()

    async def published_for(self, property_id: int, page: int, size: int = 20) -> Sequence[Review]:
        result = await self.session.execute(
            select(Review)
            .where(Review.property_id == property_id)
            .order_by(Review.id.desc())
            .offset((page - 1) * size)
            .limit(size)
        )
        return result.scalars().all()

    async def published_after(self, property_id: int, before_id: int, size: int = 20) -> Sequence[Review]:
        result = await self.session.execute(
            select(Review)
            .where(Review.property_id == property_id, Review.id < before_id)
            .order_by(Review.id.desc())
            .limit(size)
        )
        return result.scalars().all()

    async def set_status(self, review_ids: Sequence[int], status: str) -> None:
        await self.session.execute(update(Review).where(Review.id.in_(review_ids)).values(moderation_status=status))


class RosterRepository(BaseRepository):
    async def tasks_for_staff(self, staff_id: int) -> Sequence[HousekeepingTask]:
        result = await self.session.execute(
            select(HousekeepingTask)
            .where(HousekeepingTask.assigned_to == staff_id, HousekeepingTask.status == "open")
            .order_by(HousekeepingTask.due_at)
        )
        return result.scalars().all()

    async def tasks_for_room(self, room_id: int) -> Sequence[HousekeepingTask]:
        result = await self.session.execute(
            select(HousekeepingTask).where(HousekeepingTask.room_id == room_id).order_by(HousekeepingTask.due_at)
        )
        return result.scalars().all()
