from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from judgehall.errors import Conflict, Forbidden, NotFound, ValidationFailed
from judgehall.models import Contest, ContestStatus
from judgehall.repositories.contests import ContestRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.clients.webhooks import WebhookNotifier
from judgehall.utils.locks import KeyedLocks
from judgehall.utils.timeutil import utcnow

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ContestSummary:
    id: int
    slug: str
    title: str
    status: str
    start_at: datetime
    end_at: datetime
    problem_count: int


def is_frozen(contest: Contest, now: datetime) -> bool:
    if contest.freeze_at is None or contest.unfrozen:
        return False
    return now >= contest.freeze_at


def is_running(contest: Contest, now: datetime) -> bool:
    return contest.start_at <= now < contest.end_at


@dataclass(slots=True)
class ContestInput:
    slug: str
    title: str
    start_at: datetime
    end_at: datetime
    description: str | None = None
    freeze_minutes: int | None = 60
    penalty_minutes: int = 20
    team_mode: bool = True
    rated: bool = False


def validate_schedule(start_at: datetime, end_at: datetime, freeze_minutes: int | None) -> datetime | None:
    if end_at <= start_at:
        raise ValidationFailed("contest must end after it starts")
    duration = end_at - start_at
    if duration > timedelta(days=14):
        raise ValidationFailed("contest is longer than two weeks")
    if freeze_minutes is None:
        return None
    if freeze_minutes <= 0 or timedelta(minutes=freeze_minutes) >= duration:
        raise ValidationFailed("freeze window must be inside the contest")
    return end_at - timedelta(minutes=freeze_minutes)


class ContestService:
    def __init__(
        self,
        contests: ContestRepository,
        teams: TeamRepository,
        locks: KeyedLocks | None = None,
        webhooks: WebhookNotifier | None = None,
    ) -> None:
        self.contests = contests
        self.teams = teams
        self.locks = locks or KeyedLocks()
        self.webhooks = webhooks

    async def create(self, data: ContestInput) -> Contest:
        freeze_at = validate_schedule(data.start_at, data.end_at, data.freeze_minutes)
        if await self.contests.get_by_slug(data.slug) is not None:
            raise Conflict(f"slug {data.slug} is taken")
        contest = Contest(
            slug=data.slug,
            title=data.title,
            description=data.description,
            start_at=data.start_at,
            end_at=data.end_at,
            freeze_at=freeze_at,
            penalty_minutes=data.penalty_minutes,
            team_mode=data.team_mode,
            rated=data.rated,
        )
        try:
            await self.contests.add(contest)
        except IntegrityError as exc:
            raise Conflict(f"slug {data.slug} is taken") from exc
        if self.webhooks is not None:
            self.webhooks.emit("contest.created", {"id": contest.id, "slug": contest.slug})
        return contest

    async def reschedule(self, contest_id: int, start_at: datetime, end_at: datetime, freeze_minutes: int | None) -> Contest:
        async with self.locks.for_contest(contest_id):
            contest = await self.contests.get_or_404(contest_id)
            if contest.status not in (ContestStatus.DRAFT, ContestStatus.SCHEDULED):
                raise Conflict("only contests that have not started can be rescheduled")
            contest.freeze_at = validate_schedule(start_at, end_at, freeze_minutes)
            contest.start_at = start_at
            contest.end_at = end_at
            contest.reminder_sent = False
        return contest

    async def publish(self, contest_id: int) -> Contest:
        contest = await self.contests.get_or_404(contest_id)
        if contest.status != ContestStatus.DRAFT:
            raise Conflict("contest is already published")
        if await self.contests.problem_count(contest_id) == 0:
            raise ValidationFailed("contest has no problems")
        contest.status = ContestStatus.SCHEDULED
        return contest

    async def clone(self, source_slug: str, data: ContestInput) -> Contest:
        source = await self.contests.get_by_slug(source_slug)
        if source is None:
            raise NotFound(f"contest {source_slug} not found")
        data.description = data.description or source.description
        data.penalty_minutes = source.penalty_minutes
        data.team_mode = source.team_mode
        return await self.create(data)

    async def get(self, contest_id: int) -> Contest:
        return await self.contests.get_or_404(contest_id)

    async def by_slug(self, slug: str) -> Contest:
        contest = await self.contests.get_by_slug(slug)
        if contest is None or contest.status == ContestStatus.DRAFT:
            raise NotFound(f"contest {slug} not found")
        return contest

    async def visible(self, limit: int = 50) -> list[Contest]:
        return await self.contests.list_visible(limit)

    async def problem_count(self, contest_id: int) -> int:
        return await self.contests.problem_count(contest_id)

    async def summaries(self, limit: int = 50) -> list[ContestSummary]:
        contests = await self.contests.list_visible(limit)
        counts = await self.contests.problem_counts([c.id for c in contests])
        return [
            ContestSummary(
                id=c.id,
                slug=c.slug,
                title=c.title,
                status=c.status.value,
                start_at=c.start_at,
                end_at=c.end_at,
                problem_count=counts.get(c.id, 0),
            )
            for c in contests
        ]

    async def register(self, contest_id: int, user_id: int, team_id: int | None) -> None:
        contest = await self.contests.get_or_404(contest_id)
        if contest.status not in (ContestStatus.SCHEDULED, ContestStatus.RUNNING):
            raise Conflict("registration is closed")
        if contest.team_mode:
            if team_id is None:
                raise ValidationFailed("team contests require a team")
            members = await self.teams.members(team_id)
            if user_id not in {m.user_id for m in members}:
                raise Forbidden("you are not a member of this team")
        existing = await self.contests.registration(contest_id, user_id)
        if existing is not None:
            raise Conflict("already registered")
        await self.contests.create_registration(contest_id, user_id, team_id)
        log.info("user %s registered for contest %s", user_id, contest_id)

    async def ensure_participant(self, contest: Contest, user_id: int) -> int | None:
        reg = await self.contests.registration(contest.id, user_id)
        if reg is None:
            raise Forbidden("not registered for this contest")
        return reg.team_id

    async def advance_status(self, contest: Contest, now: datetime | None = None) -> bool:
        now = now or utcnow()
        if contest.status == ContestStatus.SCHEDULED and contest.start_at <= now:
            contest.status = ContestStatus.RUNNING
            return True
        if contest.status == ContestStatus.RUNNING and contest.end_at <= now:
            contest.status = ContestStatus.FINISHED
            return True
        return False

    async def unfreeze(self, contest_id: int) -> Contest:
        contest = await self.contests.get_or_404(contest_id)
        if contest.status != ContestStatus.FINISHED:
            raise Conflict("contest is still running")
        contest.unfrozen = True
        return contest
