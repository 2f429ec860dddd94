from __future__ import annotations

import hmac
from dataclasses import asdict
from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotAuthorizedException

from judgehall.api.deps import require_jury
from judgehall.security import Principal
from judgehall.services.judging import JudgingService
from judgehall.services.submissions import SubmissionService, SubmitInput
from judgehall.utils.pagination import clamp_page_size, decode_cursor, encode_cursor


def _summary(sub) -> dict[str, Any]:
    return {
        "id": sub.id,
        "problem_id": sub.problem_id,
        "language": sub.language,
        "status": sub.status.value,
        "verdict": sub.verdict.value if sub.verdict else None,
        "submitted_at": sub.submitted_at.isoformat(),
    }


class SubmissionController(Controller):
    path = "/"
    tags = ["submissions"]

    @post("/contests/{contest_id:int}/submissions")
    async def submit(
        self,
        contest_id: int,
        data: SubmitInput,
        submission_service: SubmissionService,
        principal: Principal,
        team_id: int | None = None,
    ) -> dict:
        sub = await submission_service.submit(contest_id, principal.user_id, team_id, data)
        return {"id": sub.id, "status": sub.status.value}

    @get("/submissions/{submission_id:int}")
    async def detail(self, submission_id: int, submission_service: SubmissionService, principal: Principal) -> dict:
        detail = await submission_service.detail(submission_id, principal.user_id, principal.is_jury)
        return asdict(detail)

    @get("/submissions/{submission_id:int}/poll")
    async def poll(self, submission_id: int, judging_service: JudgingService, principal: Principal) -> dict:
        sub = await judging_service.poll(submission_id, principal.user_id, principal.is_jury)
        return _summary(sub)

    @get("/submissions/{submission_id:int}/source")
    async def source(self, submission_id: int, submission_service: SubmissionService, principal: Principal) -> dict:
        return {"source": await submission_service.source(submission_id, principal.user_id, principal.is_jury)}

    @get("/me/submissions")
    async def mine(
        self,
        submission_service: SubmissionService,
        principal: Principal,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> dict:
        size = clamp_page_size(limit)
        position = decode_cursor(cursor)
        before = datetime.fromisoformat(position["at"]) if position else None
        before_id = int(position["id"]) if position else None
        subs = await submission_service.history(principal.user_id, before, before_id, size)
        next_cursor = None
        if len(subs) == size:
            last = subs[-1]
            next_cursor = encode_cursor({"at": last.submitted_at.isoformat(), "id": last.id})
        return {"items": [_summary(s) for s in subs], "next": next_cursor}


class JudgeCallbackController(Controller):
    path = "/internal/judge"
    include_in_schema = False

    @post("/callback")
    async def callback(self, request: Request, data: dict[str, Any], judging_service: JudgingService) -> dict:
        secret = request.app.state.settings.judge_callback_secret
        supplied = request.headers.get("x-judge-signature", "")
        if not secret or not hmac.compare_digest(secret, supplied):
            raise NotAuthorizedException("bad signature")
        accepted = await judging_service.handle_callback(data["id"], data)
        return {"accepted": accepted}


class JurySubmissionController(Controller):
    path = "/jury/submissions"
    guards = [require_jury]
    tags = ["jury"]

    @get("/compare")
    async def compare(self, left: int, right: int, submission_service: SubmissionService) -> dict:
        return await submission_service.compare(left, right)

    @get("/{submission_id:int}")
    async def detail(self, submission_id: int, submission_service: SubmissionService, principal: Principal) -> dict:
        detail = await submission_service.detail(submission_id, principal.user_id, True)
        return asdict(detail)
