"""Tenant screening: credit reports and identity verification."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
import logging
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.credit_bureau import CreditBureauClient, CreditReport
from svc.clients.identity import IdentityClient
from svc.db import applications_repo
from svc.db.models import Application
from svc.errors import NotFound
from svc.services import compliance

log = logging.getLogger(__name__)


class ScreeningService:
    def __init__(self, credit: CreditBureauClient, identity: IdentityClient) -> None:
        self._credit = credit
        self._identity = identity
        self._bureau_lock = asyncio.Lock()
        self._quota = asyncio.Semaphore(4)

    async def run_credit_check(self, session: AsyncSession, application: Application, ssn_hash: str) -> CreditReport:
        token = compliance.consent_token(str(application.applicant_id), application.listing_id)
        async with self._bureau_lock:
            report = await self._credit.pull_report(str(application.applicant_id), ssn_hash, consent_token=token)
        await applications_repo.record_credit_result(session, application.id, report.score, report.reference)
        return report

    async def rescreen(self, session: AsyncSession, application: Application, ssn: str) -> CreditReport:
        ssn_hash = await compliance.hash_ssn_async(ssn)
        token = compliance.consent_token(str(application.applicant_id), application.listing_id)
        async with self._quota:
            report = await self._credit.pull_report(str(application.applicant_id), ssn_hash, consent=token)
        await applications_repo.record_credit_result(session, application.id, report.score, report.reference)
        return report

    async def report_scores(self, applications: Sequence[Application]) -> dict[UUID, int]:
        scores: dict[UUID, int] = {}
        for application in applications:
            if application.credit_report_ref is None:
                continue
            report = await self._credit.fetch_report(application.credit_report_ref)
            scores[application.id] = report.score
        return scores

    async def report_scores_batched(self, applications: Sequence[Application]) -> dict[UUID, int]:
        refs = {a.credit_report_ref: a.id for a in applications if a.credit_report_ref}
        if not refs:
            return {}
        reports = await self._credit.fetch_reports(list(refs))
        return {refs[ref]: report.score for ref, report in reports.items()}

    async def begin_identity(self, session: AsyncSession, user_id: UUID, return_url: str) -> dict[str, str]:
        applicant = await applications_repo.applicant_for_user(session, user_id)
        if applicant is None:
            raise NotFound("complete your applicant profile first")
        if applicant.identity_status == "pending":
            return {"status": "pending"}
        started = await self._identity.start_verification(str(applicant.id), return_url)
        applicant.identity_status = "pending"
        await session.commit()
        return {"status": "pending", "redirect_url": started["url"]}
