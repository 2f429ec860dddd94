from __future__ import annotations

from sqlalchemy import delete, select, update

from judgehall.models import Problem, TestCase
from judgehall.repositories.base import Repository


class ProblemRepository(Repository[Problem]):
    model = Problem

    async def list_for_contest(self, contest_id: int) -> list[Problem]:
        stmt = select(Problem).where(Problem.contest_id == contest_id).order_by(Problem.code)
        return list((await self.session.execute(stmt)).scalars().all())

    async def by_ids(self, ids: list[int]) -> dict[int, Problem]:
        if not ids:
            return {}
        stmt = select(Problem).where(Problem.id.in_(ids))
        return {p.id: p for p in (await self.session.execute(stmt)).scalars()}

    async def by_code(self, contest_id: int, code: str) -> Problem | None:
        stmt = select(Problem).where(Problem.contest_id == contest_id, Problem.code == code.upper())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def tests_for(self, problem_id: int) -> list[TestCase]:
        stmt = select(TestCase).where(TestCase.problem_id == problem_id).order_by(TestCase.ordinal)
        return list((await self.session.execute(stmt)).scalars().all())

    async def tests_for_many(self, problem_ids: list[int]) -> dict[int, list[TestCase]]:
        result: dict[int, list[TestCase]] = {pid: [] for pid in problem_ids}
        if not problem_ids:
            return result
        stmt = select(TestCase).where(TestCase.problem_id.in_(problem_ids)).order_by(TestCase.ordinal)
        for tc in (await self.session.execute(stmt)).scalars():
            result[tc.problem_id].append(tc)
        return result

    async def replace_tests(self, problem_id: int, tests: list[TestCase]) -> int:
        await self.session.execute(delete(TestCase).where(TestCase.problem_id == problem_id))
        self.session.add_all(tests)
        result = await self.session.execute(
            update(Problem)
            .where(Problem.id == problem_id)
            .values(tests_version=Problem.tests_version + 1)
            .returning(Problem.tests_version)
        )
        await self.session.flush()
        return int(result.scalar_one())

    async def bump_attempts(self, problem_id: int) -> None:
        await self.session.execute(
            update(Problem).where(Problem.id == problem_id).values(attempt_count=Problem.attempt_count + 1)
        )
