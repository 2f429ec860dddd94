from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.locks import KeyedLocks
from ..errors import FormLocked
from ..models import FieldValue, FormSubmission
from ..repositories.clinical import FormRepository, VisitRepository
from ..repositories.queries import QueryRepository
from ..security import CurrentUser
from ..utils.timeutil import utcnow
from .audit import AuditService
from .edit_checks import EditCheckEngine

log = logging.getLogger(__name__)


class FormService:
    """eCRF submissions: versioning, edit checks and automatic queries."""

    def __init__(
        self,
        session: AsyncSession,
        forms: FormRepository,
        visits: VisitRepository,
        queries: QueryRepository,
        engine: EditCheckEngine,
        audit: AuditService,
        locks: KeyedLocks,
    ) -> None:
        self._session = session
        self._forms = forms
        self._visits = visits
        self._queries = queries
        self._engine = engine
        self._audit = audit
        self._locks = locks

    async def submit(self, study_id: int, site_id: int, visit_id: int, form_code: str,
                     values: dict[str, str | None], user: CurrentUser) -> dict[str, Any]:
        visit = await self._visits.get(visit_id)
        previous = await self._forms.latest(visit.subject_id, form_code)
        if previous is not None and previous.locked:
            raise FormLocked(f"{form_code} for subject {visit.subject_id} is locked")
        findings = self._engine.evaluate(form_code, values)
        now = utcnow()
        form = FormSubmission(
            study_id=study_id,
            visit_id=visit.id,
            subject_id=visit.subject_id,
            form_code=form_code,
            version=(previous.version + 1) if previous else 1,
            status="queried" if findings else "submitted",
            submitted_by=user.id,
            submitted_at=now,
        )
        self._session.add(form)
        await self._session.flush()
        self._forms.add(form, [FieldValue(submission_id=form.id, field_code=k, value=v) for k, v in values.items()])
        await self._session.commit()

        await self._queries.raise_many(
            [(study_id, site_id, form.id, f.field_code, f.message, "system:edit-check", now) for f in findings]
        )
        await self._audit.record(user.id, "form.submitted", "form_submission", form.id,
                                 {"form": form_code, "version": form.version, "auto_queries": len(findings)})
        return {"id": form.id, "version": form.version, "status": form.status,
                "queries": [f.field_code for f in findings]}

    async def release_query_hold(self, submission_id: int, query_id: int) -> None:
        # Serialise against replies arriving on the same thread.
        async with self._locks.for_query(query_id):
            form = await self._forms.get(submission_id)
            if form.status == "queried":
                form.status = "submitted"
                await self._session.commit()

    async def subject_casebook(self, subject_id: int) -> list[dict[str, Any]]:
        visits = await self._visits.visits_for_subject(subject_id)
        return [{"visit": v.visit_code, "status": v.status, "actual": v.actual_date} for v in visits]

    async def lock_submissions(self, study_id: int) -> int:
        forms = await self._forms.list_for_study(study_id)
        for form in forms:
            form.locked = True
            form.status = "locked"
        await self._session.commit()
        return len(forms)
