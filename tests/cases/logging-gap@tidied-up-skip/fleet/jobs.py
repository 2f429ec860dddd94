"""Fleet housekeeping run in the background: overdue flags and mileage import."""
import asyncio
import logging
from datetime import datetime, timezone

import asyncpg
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from fleet.models import Lease

log = logging.getLogger(__name__)
engine = create_async_engine("postgresql+asyncpg://fleet@db/fleet", pool_timeout=5)
Session = async_sessionmaker(engine, expire_on_commit=False)


async def flag_overdue() -> int:
    async with Session() as session:
        leases = list(await session.scalars(select(Lease).where(Lease.due < datetime.now(timezone.utc))))
        for lease in leases:
            lease.overdue = True
        try:
            await session.commit()
        except SQLAlchemyError:  # expect: logging-gap
            await session.rollback()
            return 0
    return len(leases)


async def import_mileage(dsn: str, readings: list[tuple[str, int]]) -> None:
    for vin, km in readings:
        conn = await asyncpg.connect(dsn, timeout=5)
        try:
            await conn.execute("UPDATE vehicles SET km = $2 WHERE vin = $1", vin, km)
        except asyncpg.PostgresError:  # expect: logging-gap
            await conn.close()
            continue
        await conn.close()


async def flag_returned() -> int:
    async with Session() as session:
        leases = list(await session.scalars(select(Lease).where(Lease.returned.is_(True))))
        for lease in leases:
            lease.overdue = False
        try:
            await session.commit()
        except SQLAlchemyError:
            # look-alike: the failure is logged before the rollback
            log.exception("could not clear overdue flags")
            await session.rollback()
            return 0
    return len(leases)


async def housekeeping() -> None:
    while True:
        await flag_overdue()
        await flag_returned()
        await import_mileage("postgresql://fleet@db/fleet", [])
        await asyncio.sleep(600)
