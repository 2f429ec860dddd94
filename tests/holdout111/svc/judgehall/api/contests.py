from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from litestar import Controller, get, post

from judgehall.api.deps import require_admin
from judgehall.security import Principal
from judgehall.services.contests import ContestInput, ContestService


@dataclass
class RegisterInput:
    team_id: int | None = None


class ContestController(Controller):
    path = "/contests"
    tags = ["contests"]

    @get("/")
    async def list_contests(self, contest_service: ContestService) -> list[dict]:
        items = await contest_service.visible(limit=50)
        counts = [await contest_service.problem_count(c.id) for c in items]
        return [
            {
                "id": c.id,
                "slug": c.slug,
                "title": c.title,
                "status": c.status.value,
                "start_at": c.start_at.isoformat(),
                "end_at": c.end_at.isoformat(),
                "problems": n,
            }
            for c, n in zip(items, counts)
        ]

    @get("/summary")
    async def summary(self, contest_service: ContestService) -> list[dict]:
        return [asdict(s) for s in await contest_service.summaries(limit=50)]

    @get("/{slug:str}")
    async def detail(self, slug: str, contest_service: ContestService) -> dict:
        c = await contest_service.by_slug(slug)
        return {
            "id": c.id,
            "slug": c.slug,
            "title": c.title,
            "description": c.description,
            "status": c.status.value,
            "start_at": c.start_at.isoformat(),
            "end_at": c.end_at.isoformat(),
            "freeze_at": c.freeze_at.isoformat() if c.freeze_at else None,
            "team_mode": c.team_mode,
            "rated": c.rated,
        }

    @post("/{contest_id:int}/register")
    async def register(
        self, contest_id: int, data: RegisterInput, contest_service: ContestService, principal: Principal
    ) -> None:
        await contest_service.register(contest_id, principal.user_id, data.team_id)


@dataclass
class ScheduleInput:
    start_at: datetime
    end_at: datetime
    freeze_minutes: int | None = 60


@dataclass
class CloneInput:
    slug: str
    title: str
    start_at: datetime
    end_at: datetime


class ContestAdminController(Controller):
    path = "/admin/contests"
    guards = [require_admin]
    tags = ["admin"]

    @post("/")
    async def create(self, data: ContestInput, contest_service: ContestService) -> dict:
        contest = await contest_service.create(data)
        return {"id": contest.id, "slug": contest.slug, "freeze_at": contest.freeze_at}

    @post("/{contest_id:int}/schedule")
    async def reschedule(self, contest_id: int, data: ScheduleInput, contest_service: ContestService) -> dict:
        contest = await contest_service.reschedule(contest_id, data.start_at, data.end_at, data.freeze_minutes)
        return {"id": contest.id, "start_at": contest.start_at, "end_at": contest.end_at}

    @post("/{contest_id:int}/publish")
    async def publish(self, contest_id: int, contest_service: ContestService) -> dict:
        contest = await contest_service.publish(contest_id)
        return {"id": contest.id, "status": contest.status.value}

    @post("/{slug:str}/clone")
    async def clone(self, slug: str, data: CloneInput, contest_service: ContestService) -> dict:
        contest = await contest_service.clone(
            slug, ContestInput(slug=data.slug, title=data.title, start_at=data.start_at, end_at=data.end_at)
        )
        return {"id": contest.id, "slug": contest.slug}
