from __future__ import annotations

from litestar import Controller, get
from litestar.datastructures import State

from judgehall.errors import NotFound
from judgehall.security import Principal
from judgehall.services.scoreboard import ScoreboardService
from judgehall.utils.pagination import clamp_page_size


class ScoreboardController(Controller):
    path = "/contests/{contest_id:int}/scoreboard"
    tags = ["scoreboard"]

    @get("/")
    async def public(self, contest_id: int, state: State, offset: int = 0, limit: int | None = None) -> dict:
        service: ScoreboardService = state.scoreboard
        return await service.view(contest_id, jury=False, offset=max(offset, 0), limit=clamp_page_size(limit))

    @get("/jury")
    async def jury(
        self, contest_id: int, state: State, principal: Principal, offset: int = 0, limit: int | None = None
    ) -> dict:
        service: ScoreboardService = state.scoreboard
        as_jury = principal.is_jury or principal.is_admin
        return await service.view(contest_id, jury=as_jury, offset=max(offset, 0), limit=clamp_page_size(limit))

    @get("/teams/{team_id:int}")
    async def team(self, contest_id: int, team_id: int, state: State) -> dict:
        service: ScoreboardService = state.scoreboard
        row = await service.team_row(contest_id, team_id, jury=False)
        if row is None:
            raise NotFound("team has no submissions in this contest")
        return row

    @get("/stats")
    async def stats(self, contest_id: int, state: State) -> dict:
        service: ScoreboardService = state.scoreboard
        per_problem = await service.problem_stats(contest_id, jury=False)
        firsts = await service.first_solves(contest_id)
        return {
            "problems": {str(pid): {**s, "first_team": firsts.get(pid)} for pid, s in per_problem.items()},
        }
