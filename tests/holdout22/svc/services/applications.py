"""Rental application workflow: submit, screen, decide."""
from __future__ import annotations

from collections import defaultdict
import logging
import time
from uuid import UUID

from fastapi import HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from svc import errors
from svc.config import settings
from svc.db import applications_repo, listings_repo
from svc.db.models import Application
from svc.realtime.hub import publish_application_event
from svc.services import compliance
from svc.services.screening import ScreeningService

log = logging.getLogger(__name__)

_recent_submissions: defaultdict[UUID, list[float]] = defaultdict(list)


def _enforce_submission_rate(user_id: UUID) -> None:
    now = time.monotonic()
    window = [t for t in _recent_submissions[user_id] if now - t < 3600]
    if len(window) >= settings.applications_per_hour:
        raise errors.RateLimited("too many applications in the last hour")
    window.append(now)
    _recent_submissions[user_id] = window


class ApplicationService:
    def __init__(self, screening: ScreeningService) -> None:
        self._screening = screening

    async def submit(self, session: AsyncSession, user_id: UUID, listing_id: int, ssn: str) -> Application:
        _enforce_submission_rate(user_id)
        listing = await listings_repo.get_listing(listing_id)
        if listing is None or listing["status"] != "available":
            raise errors.ListingUnavailable(f"listing {listing_id} is not accepting applications")
        applicant = await applications_repo.applicant_for_user(session, user_id)
        if applicant is None:
            raise errors.NotFound("complete your applicant profile first")
        existing = await applications_repo.find_existing(session, listing_id, applicant.id)
        if existing is not None:
            raise errors.Conflict("you already applied to this listing")
        application = await applications_repo.create_application(session, listing_id, applicant.id)
        ssn_hash = compliance.hash_ssn(ssn)
        await self._screening.run_credit_check(session, application, ssn_hash)
        await session.commit()
        compliance.audit_event("application.submitted", application_id=application.id, listing_id=listing_id)
        await publish_application_event(listing["landlord_id"], {"type": "submitted", "application_id": str(application.id)})
        return application

    async def approve(self, session: AsyncSession, application_id: UUID) -> Application:
        application = await applications_repo.get_application(session, application_id)
        if not await applications_repo.transition_status(session, application_id, "screened", "approved"):
            raise errors.Conflict("application is not awaiting a decision")
        if not await listings_repo.mark_leased(application.listing_id):
            await session.rollback()
            raise errors.ListingUnavailable("listing was leased to another applicant")
        await session.commit()
        await compliance.audit_event("application.approved", application_id=application_id)
        return application

    async def withdraw(self, session: AsyncSession, application_id: UUID, user_id: UUID) -> None:
        application = await applications_repo.get_application(session, application_id)
        applicant = await applications_repo.applicant_for_user(session, user_id)
        if applicant is None or applicant.id != application.applicant_id:
            raise errors.NotFound("application not found")
        if application.status in ("approved", "rejected"):
            raise HTTPException(status_code=409, detail="application already decided")
        await applications_repo.transition_status(session, application_id, application.status, "withdrawn")
        await session.commit()

    async def reopen(self, session: AsyncSession, application_id: UUID) -> None:
        if not await applications_repo.transition_status(session, application_id, "withdrawn", "submitted"):
            raise errors.ApplicationClosed("application cannot be reopened")
        await session.commit()

    async def rescreen(self, session: AsyncSession, application_id: UUID, ssn: str) -> int:
        application = await applications_repo.get_application(session, application_id)
        report = await self._screening.rescreen(session, application, ssn)
        await session.commit()
        return report.score
