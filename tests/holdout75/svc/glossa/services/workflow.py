"""Translator assignment and the review workflow."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.db.models import Assignment, Translation
from glossa.errors import Conflict, NotFound
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.repositories.workflow import AssignmentRepository, UserRepository
from glossa.services.presence import ActivityHub
from glossa.services.releases import ReleaseService

logger = logging.getLogger(__name__)

REVIEW_STATES = ("approved", "rejected")


class WorkflowService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], assignments: AssignmentRepository, users: UserRepository,
                 strings: StringRepository, translations: TranslationRepository, releases: ReleaseService,
                 activity: ActivityHub) -> None:
        self._sessions = sessions
        self._assignments = assignments
        self._users = users
        self._strings = strings
        self._translations = translations
        self._releases = releases
        self._activity = activity

    async def queue_for(self, translator_id: int) -> list[Assignment]:
        async with self._sessions() as session:
            return await self._assignments.open_for_translator(session, translator_id)

    async def board(self, project_id: int, locale: str) -> list[dict]:
        async with self._sessions() as session:
            rows = await self._assignments.for_project(session, project_id, locale)
            board = []
            for assignment in rows:
                translator = None
                if assignment.translator_id is not None:
                    translator = await self._users.get(session, assignment.translator_id)
                board.append(
                    {
                        "id": assignment.id,
                        "state": assignment.state,
                        "words": assignment.word_count,
                        "due_at": assignment.due_at,
                        "translator": translator.display_name if translator else None,
                    }
                )
        return board

    async def claim(self, assignment_id: int, user_id: int) -> Assignment:
        async with self._sessions() as session:
            assignment = await self._assignments.get(session, assignment_id)
            if assignment is None:
                raise NotFound(f"assignment {assignment_id} not found")
            if assignment.translator_id not in (None, user_id):
                raise Conflict("assignment already taken")
            assignment.translator_id = user_id
            assignment.state = "in_progress"
            await session.commit()
            return assignment

    async def claim_next(self, project_id: int, locale: str, user_id: int) -> int | None:
        async with self._sessions() as session, session.begin():
            return await self._assignments.try_claim(session, project_id, locale, user_id)

    async def review(self, project_id: int, translation_id: int, state: str, reviewer_id: int) -> Translation:
        if state not in REVIEW_STATES:
            raise ValueError(f"review state must be one of {REVIEW_STATES}")
        async with self._sessions() as session, session.begin():
            tr = await self._translations.lock_row(session, translation_id)
            string = await self._strings.require(session, tr.string_id)
            if string.project_id != project_id:
                raise NotFound(f"translation {translation_id} not found")
            if tr.status != state:
                tr.status = state
                tr.reviewer_id = reviewer_id
                tr.version += 1
        if state == "approved":
            await self._releases.mark_dirty(project_id, tr.string_id)
        self._activity.publish(project_id, {"type": "review", "translation": tr.id, "state": state, "by": reviewer_id})
        return tr
