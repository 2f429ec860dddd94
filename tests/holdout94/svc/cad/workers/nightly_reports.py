from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta, timezone

from ..services.container import Container
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

RUN_AT_HOUR_UTC = 9  # 01:00 Pacific


def _seconds_until_next_run(now: datetime) -> float:
    target = now.replace(hour=RUN_AT_HOUR_UTC, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_nightly(container: Container) -> None:
    day = (utcnow() - timedelta(days=1)).date()
    path, rows = await container.exports.nfirs_for_day(day)
    nena = await container.exports.nena_for_day(day)
    stats = await container.reports.response_times(day)
    utilisation = await container.reports.unit_utilisation(day)
    await container.redis.set(
        f"reports:nightly:{day.isoformat()}",
        json.dumps({"nfirs": path.name, "records": len(rows), "nena_bytes": len(nena),
                    "response_times": stats, "utilisation": utilisation}, default=str),
        ex=14 * 86400,
    )
    log.info("nightly reports for %s written (%d NFIRS rows)", day, len(rows))


async def run_forever(container: Container) -> None:
    while True:
        await asyncio.sleep(_seconds_until_next_run(datetime.now(timezone.utc)))
        try:
            await run_nightly(container)
        except Exception:
            log.exception("nightly report run failed")
