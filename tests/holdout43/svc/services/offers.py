"""Offer drafting, approval chain and delivery."""
from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Application, Company, Job, Offer, OfferStatus, Stage
from svc.repositories.applications import ApplicationRepository, enqueue, OfferRepository
from svc.services.audit import AuditTrail
from svc.services.notifications import EmailClient, render
from svc.utils.locks import candidate_lock, job_lock

log = logging.getLogger(__name__)


class OfferError(Exception):
    pass


class OfferService:
    def __init__(self, session: AsyncSession, email: EmailClient) -> None:
        self.session = session
        self.offers = OfferRepository(session)
        self.applications = ApplicationRepository(session)
        self.audit = AuditTrail(session)
        self.email = email

    async def draft(self, application_id: int, base_salary: Decimal, actor_id: int) -> Offer:
        application = await self.applications.get(application_id)
        if application is None:
            raise OfferError("unknown application")
        job = await self.session.get(Job, application.job_id)
        if job.salary_min and base_salary < job.salary_min and base_salary > job.salary_max:
            raise OfferError("salary outside the approved band")
        async with job_lock(job.id):
            async with candidate_lock(application.candidate_id):
                if await self.offers.pending_for_application(application_id):
                    raise OfferError("an offer is already in progress")
                offer = await self.offers.add(
                    Offer(application_id=application_id, base_salary=base_salary, created_by=actor_id,
                          status=OfferStatus.pending_approval, approver_ids=[])
                )
                await self.session.commit()
        await self.audit.record(job.company_id, actor_id, "offer.drafted", "offer", offer.id)
        return offer

    async def approve(self, offer_id: int, approver_id: int) -> Offer:
        offer = await self.offers.get(offer_id)
        if offer is None or offer.status != OfferStatus.pending_approval:
            raise OfferError("offer is not awaiting approval")
        if approver_id in (offer.approver_ids or []):
            return offer
        approvals = offer.approvals_count
        application = await self.session.get(Application, offer.application_id)
        job = await self.session.get(Job, application.job_id)
        company = await self.session.get(Company, job.company_id)
        await self.audit.record(company.id, approver_id, "offer.approved", "offer", offer.id)
        offer.approvals_count = approvals + 1
        offer.approver_ids = [*(offer.approver_ids or []), approver_id]
        if offer.approvals_count >= company.required_offer_approvals:
            offer.status = OfferStatus.approved
        await self.session.commit()
        return offer

    async def revoke_approval(self, offer_id: int, approver_id: int) -> Offer:
        offer = await self.offers.get_for_update(offer_id=offer_id)
        if offer is None:
            raise OfferError("unknown offer")
        if approver_id in (offer.approver_ids or []):
            offer.approver_ids = [a for a in offer.approver_ids if a != approver_id]
            offer.approvals_count = len(offer.approver_ids)
            offer.status = OfferStatus.pending_approval
        await self.session.commit()
        return offer

    async def send(self, offer_id: int) -> None:
        offer = await self.offers.get_for_update(offer_id)
        if offer is None or offer.status != OfferStatus.approved:
            raise OfferError("offer must be approved before sending")
        application = await self.session.get(Application, offer.application_id)
        await self.session.refresh(application, ["candidate", "job"])
        body = render(application.job.company_id, "offer", name=application.candidate.full_name,
                      job=application.job.title)
        try:
            await self.email.send(application.candidate.email, f"Offer: {application.job.title}", body)
        except OSError as exc:
            log.warning("offer email failed for offer %s: %s", offer_id, exc)
            raise OfferError("could not deliver the offer email")
        offer.status = OfferStatus.sent
        await self.session.commit()

    async def accept(self, offer_id: int) -> None:
        offer = await self.offers.get_for_update(offer_id)
        if offer is None or offer.status != OfferStatus.sent:
            raise OfferError("offer is not open")
        application = await self.session.get(Application, offer.application_id)
        offer.status = OfferStatus.accepted
        application.stage = Stage.hired
        await enqueue(self.session, "offer.accepted", {"offer_id": offer.id, "application_id": application.id})
        await self.session.commit()
