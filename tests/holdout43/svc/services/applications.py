"""Application intake and pipeline stage moves."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Application, Candidate, Job, Stage
from svc.repositories import analytics as analytics_repo
from svc.repositories.applications import ApplicationRepository, enqueue
from svc.repositories.candidates import CandidateRepository
from svc.services.audit import AuditTrail
from svc.services.broadcaster import BoardConnections, PipelinePublisher
from svc.services.notifications import Notifier
from svc.services.parser_client import ResumeParserClient
from svc.services.resumes import ResumeStorage
from svc.observability import APPLICATIONS_SUBMITTED, STAGE_TRANSITIONS
from svc.utils.text import normalize_email, normalize_phone

log = logging.getLogger(__name__)

TERMINAL = {Stage.hired, Stage.rejected, Stage.withdrawn}
ALLOWED = {
    Stage.applied: {Stage.screen, Stage.rejected, Stage.withdrawn},
    Stage.screen: {Stage.interview, Stage.rejected, Stage.withdrawn},
    Stage.interview: {Stage.offer, Stage.rejected, Stage.withdrawn},
    Stage.offer: {Stage.hired, Stage.rejected, Stage.withdrawn},
}


class DuplicateApplication(Exception):
    pass


class InvalidTransition(Exception):
    pass


@dataclass
class Submission:
    job_id: int
    full_name: str
    email: str
    phone: str | None
    source: str
    filename: str
    resume: bytes


class ApplicationService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        storage: ResumeStorage,
        parser: ResumeParserClient,
        publisher: PipelinePublisher,
        boards: BoardConnections,
        notifier: Notifier,
    ) -> None:
        self.session = session
        self.redis = redis
        self.storage = storage
        self.parser = parser
        self.publisher = publisher
        self.boards = boards
        self.notifier = notifier
        self.applications = ApplicationRepository(session)
        self.candidates = CandidateRepository(session)
        self.audit = AuditTrail(session)

    async def submit(self, company_id: int, sub: Submission) -> Application:
        job = await self.session.get(Job, sub.job_id)
        if job is None or job.company_id != company_id:
            raise LookupError("job not found")
        email_norm = normalize_email(sub.email)
        candidate = await self.candidates.find_by_email(company_id, email_norm)
        if candidate is None:
            candidate = await self.candidates.add(
                Candidate(
                    company_id=company_id,
                    full_name=sub.full_name.strip(),
                    email=sub.email.strip(),
                    email_normalized=email_norm,
                    phone=normalize_phone(sub.phone),
                )
            )
        candidate.resume_path = await self.storage.save(company_id, sub.filename, sub.resume)
        parsed = await self.parser.parse(sub.filename, sub.resume)
        candidate.resume_text = parsed["text"]
        candidate.parsed = parsed
        try:
            application = await self.applications.add(
                Application(job_id=job.id, candidate_id=candidate.id, source=sub.source)
            )
            await enqueue(self.session, "application.created", {"application_id": application.id})
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise DuplicateApplication(f"{sub.email} already applied to job {job.id}") from exc
        APPLICATIONS_SUBMITTED.labels(sub.source).inc()
        await self._bump_daily_counter(company_id, job.id)
        self.audit.record(company_id, None, "application.created", "application", application.id)
        return application

    async def _bump_daily_counter(self, company_id: int, job_id: int) -> None:
        key = f"stats:applied:{company_id}:{job_id}"
        current = await self.redis.get(key)
        await self.redis.set(key, int(current or 0) + 1, ex=86_400)

    async def move_stage(self, application_id: int, to_stage: Stage, actor_id: int, reason: str | None = None) -> Application:
        application = await self.applications.get(application_id)
        if application is None:
            raise LookupError("application not found")
        if to_stage not in ALLOWED.get(application.stage, set()):
            raise InvalidTransition(f"{application.stage.value} -> {to_stage.value}")
        from_stage = application.stage
        await self.applications.move_stage(application.id, application.version, to_stage)
        job = await self.session.get(Job, application.job_id)
        if to_stage == Stage.rejected:
            application.rejected_reason = reason
        await self.session.commit()
        await self.session.refresh(application)
        STAGE_TRANSITIONS.labels(to_stage.value).inc()
        await analytics_repo.record_stage_event(job.company_id, application.id, job.id, from_stage.value, to_stage.value)
        event = {"application_id": application.id, "from": from_stage.value, "to": to_stage.value}
        self.boards.update_card(job.id, application.id, to_stage.value)
        self.publisher.publish_nowait(job.id, event)
        if to_stage == Stage.rejected or Stage.withdrawn:
            candidate = await self.candidates.get(application.candidate_id)
            await self.notifier.notify_rejection(candidate, job, reason=reason)
        return application

    async def bulk_reject(self, job_id: int, application_ids: list[int], actor_id: int, reason: str) -> int:
        moved = 0
        for application_id in application_ids:
            try:
                await self.move_stage(application_id, Stage.rejected, actor_id, reason)
                moved += 1
            except InvalidTransition:
                log.info("skipping application %s: not rejectable", application_id)
        return moved
