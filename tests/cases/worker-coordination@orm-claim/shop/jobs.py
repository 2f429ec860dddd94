import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shop.models import Hold, Outbox

log = logging.getLogger(__name__)


async def relay_outbox(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Runs in every replica: rows are claimed with SKIP LOCKED, so no two relays send one message."""
    while True:
        async with sessions() as session, session.begin():
            rows = (await session.scalars(
                select(Outbox).where(Outbox.sent_at.is_(None)).limit(50).with_for_update(skip_locked=True)
            )).all()
            for row in rows:
                log.info("sending %s", row.topic)
                row.sent_at = datetime.now(UTC)
        await asyncio.sleep(2.0)


async def release_expired_holds(sessions: async_sessionmaker[AsyncSession]) -> None:  # expect: worker-coordination
    while True:
        async with sessions() as session:
            await session.execute(
                update(Hold).where(Hold.expires_at < datetime.now(UTC), Hold.released.is_(False)).values(released=True)
            )
            await session.commit()
        await asyncio.sleep(60)
