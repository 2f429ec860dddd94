from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body

from judgehall.api.deps import require_admin
from judgehall.repositories.problems import ProblemRepository
from judgehall.services.problems import ProblemService, StatementRenderer


@dataclass
class CreateProblem:
    contest_id: int
    code: str
    title: str
    limits: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportProblem:
    contest_id: int
    code: str
    external_id: str


class ProblemController(Controller):
    path = "/problems"
    tags = ["problems"]

    @get("/{problem_id:int}/statement")
    async def statement(self, problem_id: int, problem_service: ProblemService, state: State, lang: str = "en") -> dict:
        problem = await problem_service.get(problem_id)
        if problem.statement_key is None:
            return {"html": ""}
        renderer: StatementRenderer = state.statement_renderer
        html = await renderer.render(problem.id, problem.tests_version, problem.statement_key, lang)
        return {"html": html, "time_limit_ms": problem.time_limit_ms, "memory_limit_mb": problem.memory_limit_mb}

    @get("/by-contest/{contest_id:int}")
    async def list_for_contest(self, contest_id: int, db_session: Any) -> list[dict]:
        problems = await ProblemRepository(db_session).list_for_contest(contest_id)
        return [{"id": p.id, "code": p.code, "title": p.title, "solved": p.solved_count} for p in problems]


@dataclass
class LimitsInput:
    time_limit_ms: int | None = None
    memory_limit_mb: int | None = None


class ProblemSamplesController(Controller):
    path = "/problems/{problem_id:int}/samples"
    tags = ["problems"]

    @get("/")
    async def samples(self, problem_id: int, problem_service: ProblemService) -> list[dict]:
        return await problem_service.samples(problem_id)


class ProblemAdminController(Controller):
    path = "/admin/problems"
    guards = [require_admin]
    tags = ["admin"]

    @post("/")
    async def create(self, data: CreateProblem, problem_service: ProblemService) -> dict:
        problem = await problem_service.create(data.contest_id, data.code, data.title, data.limits)
        return {"id": problem.id}

    @post("/import")
    async def import_problem(self, data: ImportProblem, problem_service: ProblemService) -> dict:
        problem = await problem_service.import_from_archive(data.contest_id, data.code, data.external_id)
        return {"id": problem.id}

    @post("/{problem_id:int}/limits")
    async def update_limits(self, problem_id: int, data: LimitsInput, problem_service: ProblemService) -> dict:
        problem = await problem_service.update_limits(problem_id, data.time_limit_ms, data.memory_limit_mb)
        return {"time_limit_ms": problem.time_limit_ms, "memory_limit_mb": problem.memory_limit_mb}

    @post("/{problem_id:int}/tests")
    async def upload_tests(
        self,
        problem_id: int,
        problem_service: ProblemService,
        data: Annotated[UploadFile, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> dict:
        content = await data.read()
        count = await problem_service.upload_tests(problem_id, content)
        return {"tests": count}
