from __future__ import annotations

import logging
from datetime import date, timedelta

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.db.pg_pool import get_pool
from readroom.models import ImagingOrder, Report
from readroom.repositories.reading_queue import ReadingQueueRepository
from readroom.repositories.reports import ReportRepository
from readroom.repositories.stats import StatsRepository
from readroom.repositories.studies import StudyRepository
from readroom.repositories.users import UserRepository
from readroom.settings import get_settings
from readroom.utils.timeutil import day_bounds, minutes_between, utcnow

log = logging.getLogger(__name__)


class TatStatsService:
    def __init__(self) -> None:
        self.settings = get_settings()

    def target_for(self, priority: str) -> int:
        return {
            "STAT": self.settings.stat_tat_target_minutes,
            "URGENT": self.settings.urgent_tat_target_minutes,
        }.get(priority, self.settings.routine_tat_target_minutes)

    async def record_signed(self, session: AsyncSession, report: Report, order: ImagingOrder | None) -> None:
        study = await StudyRepository(session).get(report.study_id)
        if study is None or report.signed_at is None:
            return
        priority = order.priority if order else "ROUTINE"
        minutes = minutes_between(report.signed_at, study.received_at)
        repo = StatsRepository(session)
        row = await repo.ensure_daily(report.signed_at.date(), study.modality, priority)
        row.report_count = row.report_count + 1
        row.total_minutes = row.total_minutes + minutes
        if minutes > self.target_for(priority):
            row.breaches = row.breaches + 1

    async def backfill_day(self, session: AsyncSession, day: date) -> int:
        start, end = day_bounds(day)
        reports = await ReportRepository(session).signed_between(start, end)
        studies = await StudyRepository(session).get_many([r.study_id for r in reports])
        buckets: dict[tuple[str, str], list[int]] = {}
        for report in reports:
            study = studies.get(report.study_id)
            if study is None or report.signed_at is None:
                continue
            minutes = minutes_between(study.received_at, report.signed_at)
            priority = (report.structured or {}).get("priority", "ROUTINE")
            bucket = buckets.setdefault((study.modality, priority), [0, 0, 0])
            bucket[0] += 1
            bucket[1] += minutes
            bucket[2] += 1 if minutes > self.target_for(priority) else 0
        repo = StatsRepository(session)
        for (modality, priority), (count, total, breaches) in buckets.items():
            await repo.add_samples(day, modality, priority, count=count, total_minutes=total, breaches=breaches)
        return sum(b[0] for b in buckets.values())

    async def dashboard(self, session: AsyncSession, days: int) -> dict:
        end = date.today()
        start = end - timedelta(days=days)
        rows = await StatsRepository(session).range(start, end)
        return {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "series": [
                {
                    "day": r.day.isoformat(),
                    "modality": r.modality,
                    "priority": r.priority,
                    "count": r.report_count,
                    "mean_minutes": round(r.total_minutes / r.report_count, 1) if r.report_count else None,
                    "breaches": r.breaches,
                }
                for r in rows
            ],
        }

    async def percentile_breakdown(self, session: AsyncSession, days: int) -> list[dict]:
        end_day = date.today()
        start, _ = day_bounds(end_day - timedelta(days=days))
        _, end = day_bounds(end_day)
        reports = await ReportRepository(session).signed_between(start, end, limit=250_000)
        studies = await StudyRepository(session).get_many(list({r.study_id for r in reports}))
        frame = pd.DataFrame(
            [
                {
                    "modality": studies[r.study_id].modality,
                    "author": r.author_id,
                    "minutes": minutes_between(studies[r.study_id].received_at, r.signed_at),
                }
                for r in reports
                if r.study_id in studies and r.signed_at is not None
            ]
        )
        if frame.empty:
            return []
        grouped = frame.groupby(["modality", "author"])["minutes"].quantile([0.5, 0.9, 0.99]).unstack().reset_index()
        return grouped.to_dict(orient="records")

    async def productivity(self, session: AsyncSession, day: date) -> list[dict]:
        radiologists = await UserRepository(session).radiologists()
        reports = ReportRepository(session)
        out = []
        for rad in radiologists:
            count = await reports.count_signed_by(rad.id, day)
            out.append({"user_id": rad.id, "name": rad.display_name, "signed": count})
        return out

    async def productivity_batched(self, session: AsyncSession, day: date) -> list[dict]:
        radiologists = await UserRepository(session).radiologists()
        counts = await ReportRepository(session).counts_signed_by_authors([r.id for r in radiologists], day)
        return [{"user_id": r.id, "name": r.display_name, "signed": counts.get(r.id, 0)} for r in radiologists]

    async def open_breaches(self, session: AsyncSession, hours: int) -> list[dict]:
        """Unsigned studies already past their turnaround target, oldest first."""
        rows = await ReadingQueueRepository(get_pool()).overdue_candidates(hours)
        now = utcnow()
        out = []
        for row in rows:
            age = minutes_between(row["queued_at"], now)
            target = self.target_for(row["priority"])
            if age > target:
                out.append(
                    {
                        "assignment_id": row["id"],
                        "accession": row["accession_number"],
                        "priority": row["priority"],
                        "age_minutes": age,
                        "over_by_minutes": age - target,
                        "claimed_by": row["claimed_by"],
                    }
                )
        out.sort(key=lambda r: r["over_by_minutes"], reverse=True)
        return out
