from __future__ import annotations

from litestar.exceptions import HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contests.errors import NotFound
from contests.models import Contest, Problem


class ContestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, contest_id: int) -> Contest:
        contest = await self.session.get(Contest, contest_id)
        if contest is None:
            raise HTTPException(status_code=404, detail=f"contest {contest_id} not found")  # expect: inconsistent-error-handling
        return contest

    async def problem(self, problem_id: int) -> Problem:
        problem = (await self.session.execute(select(Problem).where(Problem.id == problem_id))).scalar_one_or_none()
        if problem is None:
            raise NotFound(f"problem {problem_id} not found")
        return problem
