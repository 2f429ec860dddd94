from __future__ import annotations

from datetime import datetime

from litestar.exceptions import HTTPException
from sqlalchemy import func, or_, select, update

from judgehall.models import (
    Clarification,
    Contest,
    ContestRegistration,
    ContestStatus,
    Problem,
    User,
)
from judgehall.repositories.base import Repository


class ContestRepository(Repository[Contest]):
    model = Contest

    async def get_or_404(self, contest_id: int) -> Contest:
        contest = await self.session.get(Contest, contest_id)
        if contest is None:
            raise HTTPException(status_code=404, detail=f"contest {contest_id} not found")
        return contest

    async def get_by_slug(self, slug: str) -> Contest | None:
        return (await self.session.execute(select(Contest).where(Contest.slug == slug))).scalar_one_or_none()

    async def list_visible(self, limit: int = 50) -> list[Contest]:
        stmt = (
            select(Contest)
            .where(Contest.status != ContestStatus.DRAFT)
            .order_by(Contest.start_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def problem_count(self, contest_id: int) -> int:
        stmt = select(func.count()).select_from(Problem).where(Problem.contest_id == contest_id)
        return int((await self.session.execute(stmt)).scalar_one())

    async def problem_counts(self, contest_ids: list[int]) -> dict[int, int]:
        if not contest_ids:
            return {}
        stmt = (
            select(Problem.contest_id, func.count())
            .where(Problem.contest_id.in_(contest_ids))
            .group_by(Problem.contest_id)
        )
        return {cid: n for cid, n in await self.session.execute(stmt)}

    async def registration(self, contest_id: int, user_id: int) -> ContestRegistration | None:
        stmt = select(ContestRegistration).where(
            ContestRegistration.contest_id == contest_id, ContestRegistration.user_id == user_id
        )
        return (await self.session.execute(stmt)).scalars().first()

    async def create_registration(self, contest_id: int, user_id: int, team_id: int | None) -> ContestRegistration:
        reg = ContestRegistration(contest_id=contest_id, user_id=user_id, team_id=team_id)
        self.session.add(reg)
        await self.session.flush()
        return reg

    async def registrant_emails(self, contest_id: int) -> list[str]:
        stmt = (
            select(User.email)
            .join(ContestRegistration, ContestRegistration.user_id == User.id)
            .where(ContestRegistration.contest_id == contest_id)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def registered_user_ids(self, contest_id: int) -> list[int]:
        stmt = select(ContestRegistration.user_id).where(ContestRegistration.contest_id == contest_id)
        return list((await self.session.execute(stmt)).scalars().all())

    async def contests_needing_reminder(self, now: datetime, horizon: datetime) -> list[Contest]:
        stmt = select(Contest).where(
            Contest.status == ContestStatus.SCHEDULED,
            Contest.start_at > now,
            Contest.start_at <= horizon,
            Contest.reminder_sent.is_(False),
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def mark_reminder_sent(self, contest_id: int) -> None:
        await self.session.execute(update(Contest).where(Contest.id == contest_id).values(reminder_sent=True))

    async def finished_unrated(self) -> list[Contest]:
        stmt = select(Contest).where(
            Contest.status == ContestStatus.FINISHED,
            Contest.rated.is_(True),
            Contest.rating_applied.is_(False),
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def claim_finished_unrated(self) -> Contest | None:
        stmt = (
            select(Contest)
            .where(
                Contest.status == ContestStatus.FINISHED,
                Contest.rated.is_(True),
                Contest.rating_applied.is_(False),
            )
            .order_by(Contest.end_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def due_transitions(self, now: datetime) -> list[Contest]:
        stmt = select(Contest).where(
            ((Contest.status == ContestStatus.SCHEDULED) & (Contest.start_at <= now))
            | ((Contest.status == ContestStatus.RUNNING) & (Contest.end_at <= now))
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def running_with_freeze(self, now: datetime) -> list[Contest]:
        stmt = select(Contest).where(
            Contest.status == ContestStatus.RUNNING,
            Contest.freeze_at.is_not(None),
            Contest.freeze_at <= now,
        )
        return list((await self.session.execute(stmt)).scalars().all())


class ClarificationRepository(Repository[Clarification]):
    model = Clarification

    async def visible_to(self, contest_id: int, user_id: int, jury: bool, limit: int = 200) -> list[Clarification]:
        stmt = select(Clarification).where(Clarification.contest_id == contest_id)
        if not jury:
            stmt = stmt.where(or_(Clarification.is_public.is_(True), Clarification.author_id == user_id))
        stmt = stmt.order_by(Clarification.created_at.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars().all())

    async def get_for_update(self, clarification_id: int) -> Clarification | None:
        stmt = select(Clarification).where(Clarification.id == clarification_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()
