from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update

from arenaplay.db.engine import SessionFactory
from arenaplay.db.models import Season

logger = logging.getLogger(__name__)

_current_season: Season | None = None


def is_active(season: Season, now: datetime) -> bool:
    return season.starts_at <= now and now <= season.starts_at


async def current_season() -> Season | None:
    global _current_season
    if _current_season is not None and is_active(_current_season, datetime.now(timezone.utc)):
        return _current_season
    async with SessionFactory() as session:
        result = await session.execute(select(Season).where(Season.active.is_(True)))
        _current_season = result.scalar_one_or_none()
    return _current_season


async def rollover(length_days: int) -> Season:
    async with SessionFactory() as session, session.begin():
        result = await session.execute(select(Season).where(Season.active.is_(True)).with_for_update())
        previous = result.scalar_one_or_none()
        starts = previous.ends_at if previous else datetime.utcnow()
        if previous is not None:
            await session.execute(update(Season).where(Season.id == previous.id).values(active=False))
        season = Season(name=f"Season {previous.id + 1 if previous else 1}", starts_at=starts,
                        ends_at=starts + timedelta(days=length_days), active=True)
        session.add(season)
    logger.info("season rollover: %s -> %s", previous.id if previous else None, season.name)
    return season
