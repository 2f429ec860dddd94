from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update

from judgehall.models import (
    PlagiarismReport,
    Submission,
    SubmissionStatus,
    TestResult,
    Verdict,
)
from judgehall.repositories.base import Repository


class SubmissionRepository(Repository[Submission]):
    model = Submission

    async def get_for_update(self, submission_id: int) -> Submission | None:
        stmt = select(Submission).where(Submission.id == submission_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_job_id(self, job_id: str) -> Submission | None:
        stmt = select(Submission).where(Submission.judge_job_id == job_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def claim_queued(self, batch: int) -> list[Submission]:
        stmt = (
            select(Submission)
            .where(Submission.status == SubmissionStatus.QUEUED)
            .order_by(Submission.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        rows = list((await self.session.execute(stmt)).scalars().all())
        for sub in rows:
            sub.status = SubmissionStatus.DISPATCHED
            sub.attempts += 1
        await self.session.flush()
        return rows

    async def list_for_team(self, contest_id: int, team_id: int) -> list[Submission]:
        stmt = (
            select(Submission)
            .where(Submission.contest_id == contest_id, Submission.team_id == team_id)
            .order_by(Submission.submitted_at)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def judged_for_contest(self, contest_id: int) -> list[Submission]:
        stmt = (
            select(Submission)
            .where(Submission.contest_id == contest_id, Submission.status == SubmissionStatus.JUDGED)
            .order_by(Submission.submitted_at)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def team_ids_for_contest(self, contest_id: int) -> list[int]:
        stmt = (
            select(Submission.team_id)
            .where(Submission.contest_id == contest_id, Submission.team_id.is_not(None))
            .distinct()
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def admin_page(self, page: int, size: int, status: SubmissionStatus | None = None) -> list[Submission]:
        stmt = select(Submission).order_by(Submission.id.desc())
        if status is not None:
            stmt = stmt.where(Submission.status == status)
        stmt = stmt.offset(page * size).limit(size)
        return list((await self.session.execute(stmt)).scalars().all())

    async def user_page(
        self, user_id: int, before: datetime | None, before_id: int | None, size: int
    ) -> list[Submission]:
        stmt = select(Submission).where(Submission.user_id == user_id)
        if before is not None and before_id is not None:
            stmt = stmt.where(
                or_(
                    Submission.submitted_at < before,
                    and_(Submission.submitted_at == before, Submission.id < before_id),
                )
            )
        stmt = stmt.order_by(Submission.submitted_at.desc(), Submission.id.desc()).limit(size)
        return list((await self.session.execute(stmt)).scalars().all())

    async def count_recent_for_user(self, user_id: int, since: datetime) -> int:
        stmt = (
            select(func.count())
            .select_from(Submission)
            .where(Submission.user_id == user_id, Submission.submitted_at >= since)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def test_results(self, submission_id: int) -> list[TestResult]:
        stmt = select(TestResult).where(TestResult.submission_id == submission_id).order_by(TestResult.id)
        return list((await self.session.execute(stmt)).scalars().all())

    async def save_results(self, submission_id: int, rows: list[dict]) -> None:
        self.session.add_all([TestResult(submission_id=submission_id, **row) for row in rows])
        await self.session.flush()

    async def reset_for_rejudge(self, ids: list[int]) -> int:
        await self.session.execute(delete(TestResult).where(TestResult.submission_id.in_(ids)))
        result = await self.session.execute(
            update(Submission)
            .where(Submission.id.in_(ids))
            .values(status=SubmissionStatus.QUEUED, verdict=None, judge_job_id=None, judged_at=None)
        )
        return result.rowcount or 0

    async def ids_for_problem(self, problem_id: int) -> list[int]:
        stmt = select(Submission.id).where(Submission.problem_id == problem_id).order_by(Submission.id)
        return list((await self.session.execute(stmt)).scalars().all())

    async def accepted_for_problem(self, contest_id: int, problem_id: int) -> list[Submission]:
        stmt = select(Submission).where(
            Submission.contest_id == contest_id,
            Submission.problem_id == problem_id,
            Submission.verdict == Verdict.ACCEPTED,
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def get_many(self, ids: list[int]) -> list[Submission]:
        if not ids:
            return []
        stmt = select(Submission).where(Submission.id.in_(ids))
        return list((await self.session.execute(stmt)).scalars().all())

    async def stuck_dispatched(self, older_than: datetime, limit: int = 200) -> list[Submission]:
        stmt = (
            select(Submission)
            .where(
                Submission.status.in_([SubmissionStatus.DISPATCHED, SubmissionStatus.RUNNING]),
                Submission.submitted_at < older_than,
            )
            .order_by(Submission.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def queued_ids(self, problem_id: int) -> list[int]:
        stmt = select(Submission.id).where(
            Submission.problem_id == problem_id, Submission.status == SubmissionStatus.QUEUED
        )
        return list((await self.session.execute(stmt)).scalars().all())


class PlagiarismRepository(Repository[PlagiarismReport]):
    model = PlagiarismReport

    async def replace_for_problem(self, contest_id: int, problem_id: int, rows: list[dict]) -> None:
        await self.session.execute(
            delete(PlagiarismReport).where(
                PlagiarismReport.contest_id == contest_id,
                PlagiarismReport.problem_id == problem_id,
                PlagiarismReport.status == "open",
            )
        )
        self.session.add_all(
            [PlagiarismReport(contest_id=contest_id, problem_id=problem_id, **row) for row in rows]
        )
        await self.session.flush()

    async def for_contest(self, contest_id: int, limit: int = 500) -> list[PlagiarismReport]:
        stmt = (
            select(PlagiarismReport)
            .where(PlagiarismReport.contest_id == contest_id)
            .order_by(PlagiarismReport.score.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars().all())
