from __future__ import annotations

import json
import logging

from judgehall.cache import keys
from judgehall.cache.redis import publish_sync
from judgehall.errors import Conflict, NotFound, ValidationFailed
from judgehall.models import Clarification
from judgehall.repositories.contests import ClarificationRepository
from judgehall.repositories.users import UserRepository
from judgehall.services.events import EventPublisher

log = logging.getLogger(__name__)

MAX_QUESTION = 2000


class ClarificationService:
    def __init__(self, clars: ClarificationRepository, users: UserRepository, events: EventPublisher) -> None:
        self.clars = clars
        self.users = users
        self.events = events

    async def ask(self, contest_id: int, author_id: int, problem_id: int | None, question: str) -> Clarification:
        question = question.strip()
        if not question or len(question) > MAX_QUESTION:
            raise ValidationFailed("question must be 1-2000 characters")
        clar = Clarification(contest_id=contest_id, author_id=author_id, problem_id=problem_id, question=question)
        await self.clars.add(clar)
        await self.events.publish_clarification(contest_id, {"id": clar.id, "kind": "question", "jury_only": True})
        return clar

    async def list_for(self, contest_id: int, user_id: int, jury: bool) -> list[dict]:
        items = await self.clars.visible_to(contest_id, user_id, jury)
        out: list[dict] = []
        for clar in items:
            author = await self.users.get(clar.author_id)
            out.append(
                {
                    "id": clar.id,
                    "problem_id": clar.problem_id,
                    "question": clar.question,
                    "answer": clar.answer,
                    "public": clar.is_public,
                    "author": author.handle if author else None,
                    "created_at": clar.created_at.isoformat(),
                }
            )
        return out

    async def answer(self, clarification_id: int, jury_id: int, answer: str, public: bool) -> Clarification:
        clar = await self.clars.get_for_update(clarification_id)
        if clar is None:
            raise NotFound("clarification not found")
        if clar.answer is not None:
            raise Conflict("already answered")
        clar.answer = answer.strip()
        clar.answered_by = jury_id
        clar.is_public = public
        clar.status = ClarificationStatus.ANSWERED
        publish_sync(
            keys.clarification_channel(clar.contest_id),
            json.dumps({"type": "clarification", "id": clar.id, "kind": "answer", "public": public}),
        )
        return clar

    async def announce(self, contest_id: int, jury_id: int, text: str, problem_id: int | None = None) -> Clarification:
        text = text.strip()
        if not text:
            raise ValidationFailed("announcement text is empty")
        clar = Clarification(
            contest_id=contest_id,
            author_id=jury_id,
            answered_by=jury_id,
            problem_id=problem_id,
            question="",
            answer=text,
            is_public=True,
        )
        await self.clars.add(clar)
        await self.events.publish_clarification(contest_id, {"id": clar.id, "kind": "announcement", "public": True})
        return clar
