from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, get, post
from litestar.datastructures import State

from judgehall.api.deps import require_jury
from judgehall.security import Principal
from judgehall.services.clarifications import ClarificationService


@dataclass
class AskInput:
    question: str
    problem_id: int | None = None


@dataclass
class AnswerInput:
    answer: str
    public: bool = False


class ClarificationController(Controller):
    path = "/contests/{contest_id:int}/clarifications"
    tags = ["clarifications"]

    @get("/")
    async def list_clarifications(
        self, contest_id: int, clarification_service: ClarificationService, principal: Principal
    ) -> list[dict]:
        return await clarification_service.list_for(contest_id, principal.user_id, principal.is_jury)

    @post("/")
    async def ask(
        self,
        contest_id: int,
        data: AskInput,
        clarification_service: ClarificationService,
        principal: Principal,
        state: State,
    ) -> dict:
        clar = await clarification_service.ask(contest_id, principal.user_id, data.problem_id, data.question)
        state.background.spawn(state.notifications.post_jury_feed(f"new question in contest {contest_id}"))
        return {"id": clar.id}

    @post("/{clarification_id:int}/answer", guards=[require_jury])
    async def answer(
        self,
        contest_id: int,
        clarification_id: int,
        data: AnswerInput,
        clarification_service: ClarificationService,
        principal: Principal,
    ) -> dict:
        clar = await clarification_service.answer(clarification_id, principal.user_id, data.answer, data.public)
        return {"id": clar.id, "status": "answered"}


@dataclass
class AnnouncementInput:
    text: str
    problem_id: int | None = None


class AnnouncementController(Controller):
    path = "/contests/{contest_id:int}/announcements"
    guards = [require_jury]
    tags = ["clarifications"]

    @post("/")
    async def announce(
        self,
        contest_id: int,
        data: AnnouncementInput,
        clarification_service: ClarificationService,
        principal: Principal,
    ) -> dict:
        clar = await clarification_service.announce(contest_id, principal.user_id, data.text, data.problem_id)
        return {"id": clar.id}
