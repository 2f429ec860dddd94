"""Shared helpers of the depot's worker programs (`python -m depot.workers.<name>`)."""
import asyncio
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


@asynccontextmanager
async def advisory_lock(session: AsyncSession, key: int):
    got = (await session.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})).scalar_one()
    try:
        yield bool(got)
    finally:
        if got:
            await session.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


async def run_periodic(interval: float, tick: Callable[[], Awaitable[None]]) -> None:
    while True:
        await tick()
        await asyncio.sleep(interval)
