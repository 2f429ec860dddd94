from __future__ import annotations

import asyncio
import logging
import uuid

import bcrypt
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.clients.his_client import HisClient
from readroom.errors import Forbidden, InvalidReportState, ReportNotFound
from readroom.models import User
from readroom.repositories.orders import OrderRepository
from readroom.repositories.reports import ReportRepository
from readroom.services.critical_alerts import CriticalAlertService
from readroom.services.distribution_service import DistributionService
from readroom.services.hl7_parser import build_oru
from readroom.services.notifications import publish_event
from readroom.services.tat_stats import TatStatsService
from readroom.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class SignoffService:
    def __init__(
        self,
        session: AsyncSession,
        his: HisClient,
        alerts: CriticalAlertService,
        distribution: DistributionService,
        tat: TatStatsService,
    ) -> None:
        self.session = session
        self.reports = ReportRepository(session)
        self.orders = OrderRepository(session)
        self.his = his
        self.alerts = alerts
        self.distribution = distribution
        self.tat = tat

    async def _check_signing_pin(self, user: User, pin_hash: str | None, pin: str) -> None:
        if pin_hash is None:
            raise Forbidden("no signing PIN enrolled")
        ok = await asyncio.to_thread(bcrypt.checkpw, pin.encode(), pin_hash.encode())
        if not ok:
            raise Forbidden("invalid signing PIN")

    async def sign_preliminary(self, report_id: int, user: User) -> dict:
        ok = await self.reports.mark_preliminary(report_id, user.id, utcnow())
        if not ok:
            raise InvalidReportState(f"report {report_id} is not a draft")
        await self.session.commit()
        await publish_event("report_prelim", {"report_id": report_id})
        return {"report_id": report_id, "status": "PRELIM"}

    async def sign_final(self, report_id: int, user: User, pin: str, pin_hash: str | None) -> dict:
        report = await self.reports.get(report_id)
        if report is None:
            raise ReportNotFound(f"report {report_id} not found")
        if report.status not in ("DRAFT", "PRELIM"):
            raise InvalidReportState(f"report {report_id} is already {report.status}")
        if report.author_id != user.id and user.role != "attending":
            raise Forbidden("only the author or an attending may sign")
        await self._check_signing_pin(user, pin_hash, pin)

        signed_at = utcnow()
        await self.reports.mark_final(report_id, user.id, signed_at)
        order = await self.orders.get_by_accession(report.accession_number)
        patient = await self.orders.get_patient(order.patient_id) if order else None
        await self.session.refresh(report)

        if order is not None:
            await self.distribution.enqueue_for_report(self.session, report, order)
        await self.tat.record_signed(self.session, report, order)
        await self.session.commit()

        if report.has_critical_finding:
            self.alerts.notify_critical(report)

        if order is not None and patient is not None:
            oru = build_oru(
                accession=report.accession_number,
                placer=order.placer_order_number,
                filler=order.filler_order_number or "",
                mrn=patient.mrn,
                report_text=f"FINDINGS:\n{report.findings}\n\nIMPRESSION:\n{report.impression}",
                status="F",
                signed_at=signed_at,
                control_id=uuid.uuid4().hex[:20],
            )
            await self.his.post_result(oru)

        await publish_event("report_final", {"report_id": report_id, "accession": report.accession_number})
        return {"report_id": report_id, "status": "FINAL", "signed_at": signed_at.isoformat()}

    async def addendum(self, accession: str, user: User, text: str) -> dict:
        original = await self.reports.get_by_accession(accession, include_addenda=True)
        if original is None or original.status != "FINAL":
            raise InvalidReportState("addenda can only be added to a final report")
        draft = await self.reports.create_draft(
            study_id=original.study_id,
            accession=accession,
            author_id=user.id,
            template_id=original.template_id,
            findings=original.findings,
            impression=f"{original.impression}\n\nADDENDUM: {text}",
            structured={**(original.structured or {}), "addendum_of": original.id},
        )
        draft.version = original.version + 1
        await self.session.commit()
        return {"report_id": draft.id, "version": draft.version}

    async def request_cosign(self, report_id: int, resident: User, attending_id: int) -> dict:
        if resident.role != "resident":
            raise Forbidden("only residents request co-signature")
        ok = await self.reports.mark_preliminary(report_id, resident.id, utcnow())
        if not ok:
            raise InvalidReportState(f"report {report_id} is not a draft")
        await self.session.commit()
        await publish_event(
            "cosign_requested", {"report_id": report_id, "attending_id": attending_id, "resident": resident.display_name}
        )
        return {"report_id": report_id, "status": "PRELIM", "awaiting": attending_id}

    async def return_to_resident(self, report_id: int, attending: User, comment: str) -> dict:
        report = await self.reports.get_for_update(report_id)
        if report is None:
            raise ReportNotFound(f"report {report_id} not found")
        if report.status != "PRELIM":
            raise InvalidReportState("only preliminary reports can be returned")
        report.status = "DRAFT"
        report.signed_at = None
        report.signed_by = None
        report.structured = {**(report.structured or {}), "_review_comment": comment[:2000]}
        await self.session.commit()
        await publish_event("cosign_returned", {"report_id": report_id, "by": attending.display_name})
        return {"report_id": report_id, "status": "DRAFT"}
