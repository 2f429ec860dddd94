from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.meddra import MeddraClient
from ..clients.safety_db import SafetyGateway
from ..clients.sponsor import SponsorClient, SponsorError
from ..models import AdverseEvent, OutboxMessage
from ..repositories.safety import AdverseEventRepository
from ..repositories.studies import StudyRepository
from ..repositories.subjects import SubjectRepository
from ..security import CurrentUser
from ..utils.timeutil import expedited_deadline, utcnow
from .audit import AuditService

log = logging.getLogger(__name__)

SERIOUS_CRITERIA = (
    "death",
    "life_threatening",
    "hospitalisation",
    "disability",
    "congenital_anomaly",
    "important_medical_event",
)


def build_case(ae: AdverseEvent, protocol_code: str, subject_number: str | None) -> dict[str, Any]:
    return {
        "ae_id": ae.id,
        "protocol": protocol_code,
        "subject": subject_number,
        "term": ae.term,
        "pt_code": ae.meddra_code,
        "seriousness": ae.seriousness,
        "grade": ae.severity_grade,
        "causality": ae.causality,
        "onset": ae.onset_date.isoformat(),
        "deadline": expedited_deadline(ae.reported_at, ae.seriousness == "death").isoformat(),
    }


class SafetyService:
    def __init__(
        self,
        session: AsyncSession,
        aes: AdverseEventRepository,
        subjects: SubjectRepository,
        studies: StudyRepository,
        meddra: MeddraClient,
        sponsor: SponsorClient,
        gateway: SafetyGateway,
        audit: AuditService,
    ) -> None:
        self._session = session
        self._aes = aes
        self._subjects = subjects
        self._studies = studies
        self._meddra = meddra
        self._sponsor = sponsor
        self._gateway = gateway
        self._audit = audit

    @staticmethod
    def requires_expedited(ae: AdverseEvent) -> bool:
        if ae.seriousness == "death" or "life_threatening":
            return True
        return ae.seriousness in SERIOUS_CRITERIA and ae.causality in ("related", "possibly_related")

    async def report(self, subject_id: int, payload: dict[str, Any], user: CurrentUser) -> AdverseEvent:
        subject = await self._subjects.get(subject_id)
        study = await self._studies.get(subject.study_id)
        coded = await self._meddra.code_term(payload["term"])
        ae = AdverseEvent(
            study_id=subject.study_id,
            subject_id=subject.id,
            term=payload["term"],
            meddra_code=coded.pt_code,
            seriousness=payload["seriousness"],
            severity_grade=int(payload["grade"]),
            causality=payload["causality"],
            onset_date=date.fromisoformat(payload["onset_date"]),
            reported_by=user.id,
            reported_at=utcnow(),
        )
        self._aes.add(ae)
        await self._session.flush()
        expedited = self.requires_expedited(ae)
        if expedited:
            # Same transaction as the event itself: the outbox worker delivers it.
            self._session.add(
                OutboxMessage(topic="sponsor.expedited", payload=build_case(ae, study.protocol_code, subject.subject_number),
                              status="pending", attempts=0, next_attempt_at=utcnow(), created_at=utcnow())
            )
        await self._session.commit()
        await self._audit.record(user.id, "ae.reported", entity_id=ae.id, severity=ae.severity_grade)
        if expedited:
            asyncio.create_task(self._page_medical_monitor(study.protocol_code, ae.id, ae.term))
        return ae

    async def _page_medical_monitor(self, protocol_code: str, ae_id: int, term: str) -> None:
        try:
            await self._sponsor.page_medical_monitor(protocol_code, f"Serious AE {ae_id}: {term}")
        except SponsorError:
            pass

    async def push_to_safety_db(self, ae_id: int, user: CurrentUser) -> str:
        ae = await self._aes.get(ae_id)
        subject = await self._subjects.get(ae.subject_id)
        study = await self._studies.get(ae.study_id)
        case_id = self._gateway.register_case(build_case(ae, study.protocol_code, subject.subject_number))
        await self._aes.mark_notified(ae.id, case_id, utcnow())
        await self._session.commit()
        await self._audit.record(user.id, "ae.case_registered", "adverse_event", ae.id, {"case": case_id})
        return case_id

    async def subject_profile(self, subject_id: int) -> dict[str, Any]:
        await self._subjects.get(subject_id)
        events = await self._aes.list_for_subject(subject_id)
        recent_cutoff = utcnow().date() - timedelta(days=30)
        return {
            "subject_id": subject_id,
            "total": len(events),
            "serious": sum(1 for e in events if e.seriousness in SERIOUS_CRITERIA),
            "recent": [e.term for e in events if e.onset_date >= recent_cutoff],
        }
