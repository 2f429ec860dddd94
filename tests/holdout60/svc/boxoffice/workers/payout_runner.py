from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.payouts_api import PayoutsApi
from ..config import Settings
from ..coordination import redis_lock
from ..services.payouts import PayoutFailed, PayoutService

log = logging.getLogger(__name__)

RUN_AT = time(hour=3, minute=15, tzinfo=UTC)


def _seconds_until(run_at: time, now: datetime) -> float:
    target = datetime.combine(now.date(), run_at)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_once(
    session_factory: async_sessionmaker[AsyncSession], api: PayoutsApi, settings: Settings, day: datetime
) -> int:
    start = day - timedelta(days=1)
    sent = 0
    async with session_factory() as session:
        service = PayoutService(session, api, settings)
        lines = await service.compute(start, day)
        for line in lines:
            if line.net_cents <= 0:
                continue
            try:
                if await service.execute(line):
                    sent += 1
            except PayoutFailed as exc:
                log.error("payout for event %s failed: %s", line.event_id, exc)
        report = "\n".join(f"{l.promoter_id},{l.event_id},{l.gross_cents},{l.fee_cents},{l.net_cents}" for l in lines)
    statement = Path(settings.statements_dir) / f"payouts-{day:%Y-%m-%d}.csv"
    statement.write_text("promoter_id,event_id,gross,fee,net\n" + report)
    return sent


async def run(
    redis: Redis, session_factory: async_sessionmaker[AsyncSession], api: PayoutsApi, settings: Settings
) -> None:
    while True:
        now = datetime.now(UTC)
        await asyncio.sleep(_seconds_until(RUN_AT, now))
        async with redis_lock(redis, "payout-runner", ttl_ms=3_600_000):
            sent = await run_once(session_factory, api, settings, datetime.now(UTC).replace(hour=0, minute=0))
        log.info("payout run complete: %d transfers", sent)
