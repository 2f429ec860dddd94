"""Maintenance jobs on SQLAlchemy sessions, run from the admin endpoints."""
import asyncio

from fastapi import BackgroundTasks
from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from shop.sessions import ReportSession, SessionLocal, engine, reporting_engine


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def stale_ids(self) -> list[int]:
        return list((await self.session.scalars(text("SELECT id FROM orders WHERE stale"))).all())


async def purge_stale() -> int:
    session = SessionLocal()  # expect: connection-management
    result = await session.execute(text("DELETE FROM orders WHERE stale"))
    await session.commit()
    await session.close()
    return result.rowcount


async def stale_count() -> int:
    session = SessionLocal()  # expect: connection-management
    ids = await OrderRepository(session).stale_ids()
    await session.close()
    return len(ids)


def monthly_totals() -> list:
    session = ReportSession()  # expect: connection-management
    return list(session.execute(text("SELECT month, sum(total) FROM orders GROUP BY month")).all())


def archive_month(month: str) -> None:
    session = Session(reporting_engine)  # expect: connection-management
    session.execute(text("INSERT INTO archive SELECT * FROM orders WHERE month = :m"), {"m": month})
    session.commit()
    session.close()


async def purge_safely() -> int:
    session = SessionLocal()
    try:
        result = await session.execute(text("DELETE FROM orders WHERE stale"))
        await session.commit()
        return result.rowcount
    finally:
        await session.close()


async def purge_with_block() -> None:
    async with SessionLocal() as session:
        await session.execute(text("DELETE FROM orders WHERE stale"))
        await session.commit()


async def purge_entered() -> None:
    session = SessionLocal()
    async with session:
        await session.execute(text("DELETE FROM orders WHERE stale"))
        await session.commit()


async def purge_in_transaction() -> None:
    session = SessionLocal()
    async with session.begin():
        await session.execute(text("DELETE FROM orders WHERE stale"))


async def purge_rolling_back() -> None:
    session = SessionLocal()
    try:
        await session.execute(text("DELETE FROM orders WHERE stale"))
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    await session.close()


async def _close_after(session: AsyncSession) -> None:
    try:
        await session.execute(text("VACUUM orders"))
    finally:
        await session.close()


async def vacuum_later() -> None:
    session = SessionLocal()
    asyncio.create_task(_close_after(session))


async def report_later(tasks: BackgroundTasks) -> None:
    session = SessionLocal()
    tasks.add_task(_close_after, session)


async def scoped_factory() -> int:
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as session:
        return (await session.execute(select(1))).scalar_one()


def archive_safely(month: str) -> None:
    with Session(reporting_engine) as session:
        session.execute(update(text("orders")).values(archived=True))
        session.execute(delete(text("archive")))
        session.commit()
