from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from readroom.models import DictationSegment, Report
from readroom.utils.timeutil import day_bounds


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, report_id: int) -> Report | None:
        return await self.session.get(Report, report_id)

    async def get_for_update(self, report_id: int) -> Report | None:
        result = await self.session.execute(
            select(Report).where(Report.id == report_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def get_by_accession(self, accession: str) -> Report | None:
        result = await self.session.execute(
            select(Report)
            .where(Report.accession_number == accession)
            .order_by(Report.version.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def list_for_study(self, study_id: int) -> list[Report]:
        result = await self.session.execute(
            select(Report).where(Report.study_id == study_id).order_by(Report.version)
        )
        return list(result.scalars())

    async def list_with_templates(self, study_id: int) -> list[Report]:
        result = await self.session.execute(
            select(Report)
            .where(Report.study_id == study_id)
            .options(selectinload(Report.template))
            .order_by(Report.version)
        )
        return list(result.scalars())

    async def create_draft(self, *, study_id: int, accession: str, author_id: int, template_id: int | None,
                           findings: str, impression: str, structured: dict) -> Report:
        report = Report(
            study_id=study_id,
            accession_number=accession,
            author_id=author_id,
            template_id=template_id,
            findings=findings,
            impression=impression,
            structured=structured,
            status="DRAFT",
        )
        self.session.add(report)
        await self.session.flush()
        return report

    async def segments(self, report_id: int) -> list[DictationSegment]:
        result = await self.session.execute(
            select(DictationSegment)
            .where(DictationSegment.report_id == report_id)
            .order_by(DictationSegment.seq)
        )
        return list(result.scalars())

    async def next_segment_seq(self, report_id: int) -> int:
        result = await self.session.execute(
            select(func.coalesce(func.max(DictationSegment.seq), 0)).filter_by(report_id=report_id)
        )
        return int(result.scalar_one()) + 1

    async def add_segment(self, report_id: int, seq: int, audio_path: str) -> DictationSegment:
        seg = DictationSegment(report_id=report_id, seq=seq, audio_path=audio_path, status="PENDING")
        self.session.add(seg)
        await self.session.flush()
        return seg

    async def save_transcript(self, segment_id: int, text: str, confidence: float) -> None:
        await self.session.execute(
            update(DictationSegment)
            .where(DictationSegment.id == segment_id)
            .values(transcript=text, confidence=confidence, status="DONE")
        )

    async def update_body(self, report_id: int, *, findings: str, impression: str, structured: dict,
                          critical: bool) -> None:
        await self.session.execute(
            update(Report)
            .where(Report.id == report_id, Report.status == "DRAFT")
            .values(findings=findings, impression=impression, structured=structured, has_critical_finding=critical)
        )

    async def mark_final(self, report_id: int, signer_id: int, when: datetime) -> None:
        await self.session.execute(
            update(Report)
            .where(Report.id == report_id)
            .values(status="FINAL", signed_at=when, signed_by=signer_id)
        )

    async def mark_preliminary(self, report_id: int, signer_id: int, when: datetime) -> bool:
        result = await self.session.execute(
            update(Report)
            .where(Report.id == report_id, Report.status == "DRAFT")
            .values(status="PRELIM", signed_at=when, signed_by=signer_id)
            .returning(Report.id)
        )
        return result.scalar_one_or_none() is not None

    async def count_signed_on(self, day: date) -> int:
        start, end = day_bounds(day)
        result = await self.session.execute(
            select(Report).where(Report.status == "FINAL", Report.signed_at >= start, Report.signed_at < end)
        )
        return len(result.scalars().all())

    async def count_signed_by(self, author_id: int, day: date) -> int:
        start, end = day_bounds(day)
        result = await self.session.execute(
            select(func.count(Report.id)).where(
                Report.author_id == author_id, Report.signed_at >= start, Report.signed_at < end
            )
        )
        return int(result.scalar_one())

    async def counts_signed_by_authors(self, author_ids: list[int], day: date) -> dict[int, int]:
        start, end = day_bounds(day)
        result = await self.session.execute(
            select(Report.author_id, func.count(Report.id))
            .where(Report.author_id.in_(author_ids), Report.signed_at >= start, Report.signed_at < end)
            .group_by(Report.author_id)
        )
        return {author_id: n for author_id, n in result.all()}

    async def signed_between(self, start: datetime, end: datetime, limit: int = 5000) -> list[Report]:
        result = await self.session.execute(
            select(Report)
            .where(Report.status == "FINAL", Report.signed_at >= start, Report.signed_at < end)
            .order_by(Report.signed_at)
            .limit(limit)
        )
        return list(result.scalars())
