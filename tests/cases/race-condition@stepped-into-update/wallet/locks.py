"""Rate locks, mapped."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class RateLock(Base):
    __tablename__ = "rate_locks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)


class LockRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_for(self, account_id: int) -> RateLock | None:
        return (await self.session.execute(select(RateLock).where(RateLock.account_id == account_id))).scalar_one_or_none()

    async def set_extension(self, lock_id: int, expires_at: datetime, count: int) -> None:
        await self.session.execute(update(RateLock).where(RateLock.id == lock_id)
                                   .values(expires_at=expires_at, extension_count=count))
        await self.session.commit()
