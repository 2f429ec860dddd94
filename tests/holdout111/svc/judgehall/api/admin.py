from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from litestar import Controller, get, post
from litestar.datastructures import State

from judgehall.api.deps import require_admin
from judgehall.clients.judge_runner import list_hosts
from judgehall.models import SubmissionStatus
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.repositories.users import UserRepository
from judgehall.security import Principal, generate_runner_keypair
from judgehall.services.contests import ContestService
from judgehall.services.plagiarism import PlagiarismService
from judgehall.services.rejudge import RejudgeService
from judgehall.services.reports import ExportService, ReportService


@dataclass
class RejudgeInput:
    problem_id: int | None = None
    submission_ids: list[int] | None = None


class AdminController(Controller):
    path = "/admin"
    guards = [require_admin]
    tags = ["admin"]

    @post("/runner-keys/rotate")
    async def rotate_runner_key(self, state: State) -> dict:
        private_pem, public_pem = generate_runner_keypair(4096)
        key_dir = Path(state.settings.data_dir) / "keys"
        await state.redis.set("runner:public_key", public_pem.decode())
        await state.redis.set("runner:private_key:pending", private_pem.decode(), ex=600)
        return {"fingerprint": hashlib.sha256(public_pem).hexdigest(), "dir": str(key_dir)}

    @get("/runner-keys/fingerprint", sync_to_thread=True)
    def runner_key_fingerprint(self, state: State) -> dict:
        path = Path(state.settings.data_dir) / "keys" / "runner.pub"
        with open(path, "rb") as fh:
            return {"fingerprint": hashlib.sha256(fh.read()).hexdigest()}

    @get("/runner/hosts")
    async def runner_hosts(self, state: State) -> list[dict]:
        hosts = await list_hosts(state.judge_runner)
        return [
            {"name": h.name, "busy": h.busy_slots, "slots": h.total_slots, "utilization": round(h.utilization, 2)}
            for h in sorted(hosts, key=lambda h: h.utilization, reverse=True)
        ]

    @post("/users/{user_id:int}/deactivate")
    async def deactivate_user(self, user_id: int, db_session: object) -> dict:
        changed = await UserRepository(db_session).deactivate(user_id)
        return {"deactivated": changed}

    @post("/users/{user_id:int}/jury")
    async def grant_jury(self, user_id: int, db_session: object, revoke: bool = False) -> dict:
        await UserRepository(db_session).set_jury(user_id, not revoke)
        return {"user_id": user_id, "jury": not revoke}

    @post("/rejudge")
    async def rejudge(self, data: RejudgeInput, rejudge_service: RejudgeService, principal: Principal) -> dict:
        if data.problem_id is not None:
            await rejudge_service.request_problem_rejudge(data.problem_id, principal.user_id)
            return {"queued": "problem"}
        count = await rejudge_service.rejudge_submissions(data.submission_ids or [])
        return {"queued": count}

    @post("/contests/{contest_id:int}/problems/{problem_id:int}/plagiarism")
    async def run_plagiarism(self, contest_id: int, problem_id: int, plagiarism_service: PlagiarismService) -> dict:
        pairs = await plagiarism_service.check_problem(contest_id, problem_id)
        return {"pairs": [{"a": p.left, "b": p.right, "score": p.score} for p in pairs[:100]]}

    @get("/submissions")
    async def submissions(self, db_session: object, page: int = 0, size: int = 50, status: str | None = None) -> list[dict]:
        repo = SubmissionRepository(db_session)
        size = max(1, min(size, 200))
        subs = await repo.admin_page(page, size, SubmissionStatus(status) if status else None)
        return [{"id": s.id, "user_id": s.user_id, "status": s.status.value} for s in subs]

    @get("/contests/{contest_id:int}/activity")
    async def activity(self, contest_id: int, state: State) -> list[dict]:
        reports: ReportService = state.reports
        return await reports.activity(contest_id)

    @get("/contests/{contest_id:int}/languages")
    async def languages(self, contest_id: int, state: State) -> list[dict]:
        reports: ReportService = state.reports
        return await reports.language_breakdown(contest_id)

    @post("/contests/{contest_id:int}/export")
    async def export(self, contest_id: int, state: State) -> dict:
        view = await state.scoreboard.view(contest_id, jury=True, offset=0, limit=100_000)
        exports: ExportService = state.exports
        codes = {str(pid): pid for pid in sorted({p for r in view["rows"] for p in r["problems"]})}
        path = await exports.standings_csv(contest_id, view["rows"], {k: str(v) for k, v in codes.items()})
        return {"path": path}

    @post("/contests/{contest_id:int}/unfreeze")
    async def unfreeze(self, contest_id: int, contest_service: ContestService, state: State) -> dict:
        contest = await contest_service.unfreeze(contest_id)
        await state.scoreboard.invalidate(contest.id)
        return {"unfrozen": True}
