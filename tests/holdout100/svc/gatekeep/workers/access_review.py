from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from ..container import Container
from ..repositories.sites import list_sites
from ..utils.timeutil import previous_day, utcnow

log = logging.getLogger(__name__)

RUN_AT_HOUR_UTC = 2


def seconds_until_next_run(now: datetime) -> float:
    target = now.replace(hour=RUN_AT_HOUR_UTC, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def nightly_review(container: Container) -> None:
    day = previous_day()
    async with container.session_factory() as session:
        sites = await list_sites(session)
    for site in sites:
        count = await container.reports.send_review(site.id, day)
        log.info("access review for site %s on %s: %d dormant badges", site.code, day, count)


async def weekly_alarm_digest(container: Container) -> None:
    now = utcnow()
    period = f"{now.isocalendar().year}-W{now.isocalendar().week:02d}"
    run_id = await container.report_runs.claim("alarm-digest", period)
    if run_id is None:
        log.info("alarm digest for %s already handled by another replica", period)
        return
    try:
        counts = await container.events.alarm_counts(now - timedelta(days=7))
        await container.email.send(
            container.settings.report_recipients or ["security@campus.example"],
            f"Door alarms {period}",
            "<ul>" + "".join(f"<li>{k}: {v}</li>" for k, v in counts.items()) + "</ul>",
        )
        await container.report_runs.finish(run_id, "done")
    except Exception:
        await container.report_runs.finish(run_id, "failed")
        raise


async def run(container: Container) -> None:
    while True:
        await asyncio.sleep(seconds_until_next_run(datetime.now(timezone.utc)))
        await nightly_review(container)
        if utcnow().weekday() == 0:
            await weekly_alarm_digest(container)
