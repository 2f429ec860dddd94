"""Photo rows."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.user import Photo

REVIEW_CLAIM_TIMEOUT = timedelta(minutes=15)


class PhotoRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(self, user_id: int, key: str, thumb_key: str, position: int, phash: str) -> Photo:
        photo = Photo(user_id=user_id, key=key, thumb_key=thumb_key, position=position, phash=phash)
        async with self._sessions() as session, session.begin():
            session.add(photo)
        return photo

    async def count_for(self, user_id: int) -> int:
        stmt = select(func.count()).select_from(Photo).where(Photo.user_id == user_id, Photo.status != "rejected")
        async with self._sessions() as session:
            return int(await session.scalar(stmt) or 0)

    async def list_for(self, user_id: int) -> list[Photo]:
        stmt = select(Photo).where(Photo.user_id == user_id, Photo.status != "rejected").order_by(Photo.position)
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def primary_for(self, user_id: int) -> Photo | None:
        stmt = (
            select(Photo)
            .where(Photo.user_id == user_id, Photo.status == "approved")
            .order_by(Photo.position)
            .limit(1)
        )
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def find_by_phash(self, phash: str, exclude_user: int) -> list[Photo]:
        stmt = select(Photo).where(Photo.phash == phash, Photo.user_id != exclude_user, Photo.status != "rejected")
        async with self._sessions() as session:
            return list(await session.scalars(stmt))

    async def set_status(self, photo_id: int, status: str, labels: dict[str, float]) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(update(Photo).where(Photo.id == photo_id).values(status=status, labels=labels))

    async def remove(self, photo_id: int, user_id: int) -> Photo | None:
        stmt = delete(Photo).where(Photo.id == photo_id, Photo.user_id == user_id).returning(Photo)
        async with self._sessions() as session, session.begin():
            return (await session.scalars(stmt)).first()

    async def set_positions(self, user_id: int, positions: dict[int, int]) -> None:
        async with self._sessions() as session, session.begin():
            for photo_id, position in positions.items():
                await session.execute(update(Photo).where(Photo.id == photo_id, Photo.user_id == user_id).values(position=position))

    async def claim_for_review(self, older_than: datetime, limit: int) -> Sequence[Photo]:
        """Atomically move a batch of unreviewed photos to 'reviewing' so one worker owns each."""
        stale_claim = func.now() - REVIEW_CLAIM_TIMEOUT
        claimable = (
            select(Photo.id)
            .where(
                or_(
                    and_(Photo.status == "pending", Photo.created_at < older_than),
                    and_(Photo.status == "reviewing", Photo.claimed_at < stale_claim),
                )
            )
            .order_by(Photo.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        stmt = update(Photo).where(Photo.id.in_(claimable)).values(status="reviewing", claimed_at=func.now()).returning(Photo)
        async with self._sessions() as session, session.begin():
            return list(await session.scalars(stmt))
