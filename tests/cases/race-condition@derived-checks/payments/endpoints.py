"""Webhook endpoints registered per merchant (SQLAlchemy)."""
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Endpoint(Base):
    __tablename__ = "endpoints"
    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int]
    url: Mapped[str] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(default=True)


class EndpointRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def register(self, merchant_id: int, url: str) -> Endpoint:
        existing = await self._session.scalar(  # expect: race-condition
            select(Endpoint).where(Endpoint.merchant_id == merchant_id, Endpoint.url == url))
        if existing is None:
            existing = Endpoint(merchant_id=merchant_id, url=url)
            self._session.add(existing)
        else:
            existing.active = True
        await self._session.commit()
        return existing

    async def register_guarded(self, merchant_id: int, url: str) -> Endpoint:
        """A unique index decides: the loser of a race reads the winner's row."""
        existing = await self._session.scalar(
            select(Endpoint).where(Endpoint.merchant_id == merchant_id, Endpoint.url == url))
        if existing is None:
            existing = Endpoint(merchant_id=merchant_id, url=url)
            self._session.add(existing)
        try:
            await self._session.commit()
        except IntegrityError:
            await self._session.rollback()
            existing = await self._session.scalar(
                select(Endpoint).where(Endpoint.merchant_id == merchant_id, Endpoint.url == url))
        return existing
