from __future__ import annotations

import logging
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.redis import JsonCache, screening_counter_key, subject_key
from ..errors import Conflict, EnrolmentClosed
from ..models import Subject
from ..repositories.studies import StudyRepository
from ..repositories.subjects import SubjectRepository
from ..security import CurrentUser
from ..utils.timeutil import utcnow
from .audit import AuditService
from .dashboard import DashboardHub
from .randomisation import RandomisationService
from .schedule import ScheduleService

log = logging.getLogger(__name__)


class EnrolmentService:
    def __init__(
        self,
        session: AsyncSession,
        subjects: SubjectRepository,
        studies: StudyRepository,
        randomiser: RandomisationService,
        schedule: ScheduleService,
        audit: AuditService,
        cache: JsonCache,
        redis_client: redis.Redis,
        hub: DashboardHub,
    ) -> None:
        self._session = session
        self._subjects = subjects
        self._studies = studies
        self._randomiser = randomiser
        self._schedule = schedule
        self._audit = audit
        self._cache = cache
        self._redis = redis_client
        self._hub = hub

    async def screen(self, site_id: int, initials: str, birth_year: int, sex: str, user: CurrentUser) -> Subject:
        site = await self._studies.get_site(site_id)
        if not site.active:
            raise EnrolmentClosed(f"site {site.site_number} is not active")
        screening_number = await self._next_screening_number(site.id, site.site_number)
        subject = Subject(
            study_id=site.study_id,
            site_id=site.id,
            screening_number=screening_number,
            initials=initials.upper(),
            birth_year=birth_year,
            sex=sex,
            status="screening",
            screened_at=utcnow(),
        )
        self._subjects.add(subject)
        await self._session.commit()
        await self._audit.record(user.id, "subject.screened", "subject", subject.id, {"screening": screening_number})
        return subject

    async def _next_screening_number(self, site_id: int, site_number: str) -> str:
        key = screening_counter_key(site_id)
        current = await self._redis.get(key)
        value = int(current or 0) + 1
        await self._redis.set(key, value)
        return f"S{site_number}-{value:04d}"

    async def enrol(self, subject_id: int, strata: dict[str, str], user: CurrentUser) -> Subject:
        subject = await self._subjects.get(subject_id)
        if subject.status != "screening":
            raise Conflict(f"subject {subject_id} is {subject.status}")
        site = await self._studies.get_site(subject.site_id)
        enrolled = await self._subjects.count_enrolled(site.id)
        if enrolled >= site.enrolment_cap:
            raise EnrolmentClosed(f"site {site.site_number} has reached its enrolment cap")
        seq = await self._subjects.next_subject_number(site.id)
        subject.subject_number = f"{site.site_number}-{seq:03d}"
        study = await self._studies.get(subject.study_id)
        allocation = await self._randomiser.allocate(study, subject, strata)
        subject.status = "enrolled"
        subject.arm = allocation.arm
        subject.stratum = allocation.stratum
        subject.enrolled_at = utcnow()
        await self._session.commit()

        await self._randomiser.register_with_irt(study, subject, allocation)
        await self._schedule.create_visits(subject)
        await self._hub.broadcast(subject.study_id, {"event": "enrolled", "site_id": site.id})
        await self._audit.record(user.id, "subject.enrolled", "subject", subject.id, {"arm": subject.arm})
        return subject

    async def withdraw(self, subject_id: int, reason: str, user: CurrentUser) -> Subject:
        subject = await self._subjects.get_for_update(subject_id)
        if subject.status == "withdrawn":
            return subject
        subject.status = "withdrawn"
        subject.withdrawn_at = utcnow()
        await self._session.commit()
        self._hub.broadcast(subject.study_id, {"event": "withdrawn", "site_id": subject.site_id})
        await self._audit.record(user.id, "subject.withdrawn", "subject", subject.id, {"reason": reason})
        return subject

    async def summary(self, subject_id: int) -> dict[str, Any]:
        key = subject_key(subject_id)
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        subject = await self._subjects.get(subject_id)
        summary = {
            "id": subject.id,
            "screening_number": subject.screening_number,
            "subject_number": subject.subject_number,
            "status": subject.status,
            "stratum": subject.stratum,
            "site_id": subject.site_id,
        }
        await self._cache.set(key, summary)
        return summary
