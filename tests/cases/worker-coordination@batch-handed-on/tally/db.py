from sqlalchemy import Boolean, DateTime, Integer, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

engine = create_async_engine("postgresql+asyncpg://tally@db/tally", pool_timeout=5)
Session = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Statement(Base):
    __tablename__ = "statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String)
    mailed: Mapped[bool] = mapped_column(Boolean, default=False)
    mailed_at = mapped_column(DateTime, nullable=True)


class StatementStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def unmailed(self, limit: int) -> list[Statement]:
        return list(await self.session.scalars(select(Statement).where(Statement.mailed.is_(False)).limit(limit)))

    async def claim_unmailed(self, limit: int) -> list[Statement]:
        stmt = select(Statement).where(Statement.mailed.is_(False)).limit(limit).with_for_update(skip_locked=True)
        return list(await self.session.scalars(stmt))

    async def flag_mailed(self, ids: list[int], at) -> None:
        await self.session.execute(update(Statement).where(Statement.id.in_(ids)).values(mailed=True, mailed_at=at))
