"""Hourly analytics rollup of stage events into pipeline_daily, plus the Monday report."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from svc.config import get_settings
from svc.repositories import analytics as analytics_repo
from svc.services.analytics import funnel_csv
from svc.services.notifications import EmailClient

log = logging.getLogger(__name__)


def _previous_hour(now: datetime) -> tuple[datetime, datetime]:
    end = now.replace(minute=0, second=0, microsecond=0)
    return end - timedelta(hours=1), end


async def rollup_once(start: datetime, end: datetime) -> int:
    companies = await analytics_repo.companies_with_events(start)
    total = 0
    for company_id in companies:
        total += await analytics_repo.rollup_company_window(company_id, start, end)
    return total


async def weekly_report(email: EmailClient, recipients: list[str], company_id: int) -> None:
    today = datetime.now(timezone.utc).date()
    start = today - timedelta(days=7)
    funnels = await analytics_repo.company_funnels(company_id, start, today)
    await email.send_report(recipients, f"Pipeline report {start}..{today}", "Weekly funnel attached.", funnel_csv(funnels))


async def run(email: EmailClient) -> None:
    while True:
        start, end = _previous_hour(datetime.now(timezone.utc))
        rows = await rollup_once(start, end)
        log.info("rolled up %d pipeline rows for %s..%s", rows, start, end)
        now = datetime.now(timezone.utc)
        if now.weekday() == 0 and now.hour == 7:
            for company_id, recipients in (await analytics_repo.report_subscriptions()).items():
                await weekly_report(email, recipients, company_id)
        await asyncio.sleep(settings.rollup_interval_s)
