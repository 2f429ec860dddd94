from __future__ import annotations

from litestar import Controller, Litestar, Request, Response, get
from litestar.exceptions import NotFoundException
from sqlalchemy.ext.asyncio import AsyncSession

from contests.errors import NotFound
from contests.repository import ContestRepository


class ContestController(Controller):
    path = "/contests"

    @get("/{contest_id:int}")
    async def show(self, contest_id: int, db_session: AsyncSession) -> dict:
        contest = await ContestRepository(db_session).get(contest_id)
        return {"id": contest.id, "title": contest.title}

    @get("/{contest_id:int}/problems/{problem_id:int}")
    async def problem(self, contest_id: int, problem_id: int, db_session: AsyncSession) -> dict:
        problem = await ContestRepository(db_session).problem(problem_id)
        if problem.contest_id != contest_id:
            raise NotFoundException(detail="problem not in this contest")
        return {"id": problem.id}


def not_found(request: Request, exc: NotFound) -> Response:
    return Response({"detail": str(exc)}, status_code=404)


app = Litestar(route_handlers=[ContestController], exception_handlers={NotFound: not_found})
