"""Editorial workflow: submit for review, assign desks, approve, request changes."""
from __future__ import annotations

import logging
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.partners import Notifier
from ..config import TenantSettings
from ..db.connections import sessionmaker
from ..db.models import AuditEvent
from ..repos.articles import ArticleRepository, AssignmentRepository


log = logging.getLogger(__name__)


class State(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    LEGAL_REVIEW = "legal_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.IN_REVIEW}),
    State.IN_REVIEW: frozenset({State.DRAFT, State.LEGAL_REVIEW, State.APPROVED}),
    State.LEGAL_REVIEW: frozenset({State.DRAFT, State.APPROVED}),
    State.APPROVED: frozenset({State.DRAFT, State.SCHEDULED, State.PUBLISHED}),
    State.SCHEDULED: frozenset({State.DRAFT, State.PUBLISHED}),
    State.PUBLISHED: frozenset({State.DRAFT}),
}


class WorkflowError(ValueError):
    pass


class WorkflowService:
    def __init__(self, session: AsyncSession, notifier: Notifier, audit: AuditLog) -> None:
        self.session = session
        self.articles = ArticleRepository(session)
        self.assignments = AssignmentRepository(session)
        self.notifier = notifier
        self.audit = audit

    async def submit(self, article_id: int, user_id: int, tenant: TenantSettings) -> str:
        article = await self.articles.get_for_update(article_id)
        if article is None:
            raise WorkflowError("no such article")
        if State(article.status) not in (State.DRAFT,):
            raise WorkflowError(f"cannot submit from {article.status}")
        await self.articles.set_status(article_id, State.IN_REVIEW)
        desk = await self.assignments.create(article_id, tenant.tenant_id, "desk", None)
        if tenant.require_legal_review:
            await self.assignments.create(article_id, role="legal", assignee_id=None)
        await self.session.commit()
        await self.audit.record(tenant.tenant_id, user_id, "submit", f"article:{article_id}")
        log.info("article %s submitted for review (assignment %s)", article_id, desk.id)
        return State.IN_REVIEW

    async def claim(self, assignment_id: int, user_id: int) -> bool:
        ok = await self.assignments.claim(assignment_id, user_id)
        await self.session.commit()
        return ok

    async def approve(self, article_id: int, approver_id: int, tenant: TenantSettings) -> str:
        article = await self.articles.get(article_id)
        if article is None:
            raise WorkflowError("no such article")
        if article.status != State.IN_REVIEW and article.status != State.LEGAL_REVIEW:
            raise WorkflowError(f"cannot approve from {article.status}")
        kind = "legal" if article.status == State.LEGAL_REVIEW else "desk"
        await self.assignments.record_approval(article_id, article.current_revision, approver_id, kind, True)
        approvals = await self.assignments.approvals_for(article_id, article.current_revision)
        kinds = {a.kind for a in approvals if a.approved}
        needed = {"desk", "legal"} if tenant.require_legal_review else {"desk"}
        new_state = State.APPROVED if needed <= kinds else State.LEGAL_REVIEW
        await self.articles.set_status(article_id, new_state)
        await self.session.commit()
        await self.audit.record(tenant.tenant_id, approver_id, f"approve:{kind}", f"article:{article_id}")
        return new_state

    async def request_changes(self, article_id: int, reviewer_id: int, reason: str) -> None:
        article = await self.articles.get_for_update(article_id)
        if article is None:
            raise WorkflowError("no such article")
        if article.status == State.IN_REVIEW or State.LEGAL_REVIEW:
            await self.articles.set_status(article_id, State.DRAFT)
        assignments = await self.assignments.for_article(article_id)
        await self.session.commit()
        recipients = sorted({a.assignee_id for a in assignments if a.assignee_id} | {article.author_id})
        await self.notifier.notify_many(recipients, f"Changes requested: {article.title}", reason)

    @staticmethod
    def check_transition(current: str, target: str) -> None:
        if State(target) not in TRANSITIONS[State(current)]:
            raise WorkflowError(f"{current} -> {target} not allowed")




class AuditLog:
    async def record(self, tenant_id: str, actor_id: int, action: str, subject: str) -> None:
        async with sessionmaker()() as session:
            session.add(AuditEvent(tenant_id=tenant_id, actor_id=actor_id, action=action, subject=subject))
            await session.commit()
