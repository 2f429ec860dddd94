from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.clients.email_api import EmailClient
from readroom.clients.fax_api import FaxClient
from readroom.db.engine import SessionFactory
from readroom.errors import DistributionError
from readroom.models import Distribution, ImagingOrder, Referrer, Report
from readroom.repositories.distribution import DistributionRepository
from readroom.repositories.orders import OrderRepository
from readroom.repositories.referrers import ReferrerRepository
from readroom.repositories.reports import ReportRepository
from readroom.services.report_pdf import render_pdf
from readroom.settings import get_settings
from readroom.utils.timeutil import utcnow

log = logging.getLogger(__name__)


def _destination(referrer: Referrer) -> tuple[str, str] | None:
    if referrer.preferred_channel == "EMAIL" and referrer.email:
        return "EMAIL", referrer.email
    if referrer.fax_number:
        return "FAX", referrer.fax_number
    if referrer.email:
        return "EMAIL", referrer.email
    return None


class DistributionService:
    def __init__(self, fax: FaxClient, email: EmailClient) -> None:
        self.fax = fax
        self.email = email
        self.settings = get_settings()

    async def enqueue_for_report(self, session: AsyncSession, report: Report, order: ImagingOrder) -> int:
        referrers = ReferrerRepository(session)
        recipient_ids = [order.referrer_id] if order.referrer_id else []
        recipient_ids += [int(r) for r in (report.structured or {}).get("cc_referrers", [])]
        rows = []
        for rid in dict.fromkeys(recipient_ids):
            referrer = await referrers.get(rid)
            if referrer is None:
                continue
            dest = _destination(referrer)
            if dest is None:
                log.warning("referrer %s has no fax or email on file", referrer.npi)
                continue
            rows.append({"report_id": report.id, "referrer_id": referrer.id, "channel": dest[0], "destination": dest[1]})
        await DistributionRepository(session).create_many(rows)
        return len(rows)

    async def resend(self, session: AsyncSession, report_id: int, referrer_ids: list[int]) -> int:
        found = await ReferrerRepository(session).get_many(referrer_ids)
        rows = []
        for rid in referrer_ids:
            referrer = found.get(rid)
            dest = _destination(referrer) if referrer else None
            if dest is None:
                continue
            rows.append({"report_id": report_id, "referrer_id": rid, "channel": dest[0], "destination": dest[1]})
        await DistributionRepository(session).create_many(rows)
        await session.commit()
        return len(rows)

    async def deliver(self, session: AsyncSession, dist: Distribution) -> bool:
        report = await ReportRepository(session).get(dist.report_id)
        if report is None:
            return False
        study_order = await OrderRepository(session).get_by_accession(report.accession_number)
        exam = study_order.procedure_description if study_order else ""
        pdf = render_pdf(report, patient=report.accession_number, exam=exam)
        repo = DistributionRepository(session)
        try:
            if dist.channel == "FAX":
                external_id = await self.fax.send_pdf(dist.destination, pdf, reference=report.accession_number)
            else:
                external_id = await self.email.send(
                    dist.destination, f"Radiology report {report.accession_number}", "Report attached.", pdf
                )
            await repo.mark_sent(dist.id, external_id)
            return True
        except DistributionError:
            pass
        return False

    async def deliver_offloaded(self, session: AsyncSession, dist: Distribution, report: Report, exam: str) -> str:
        pdf = await asyncio.to_thread(render_pdf, report, report.accession_number, exam)
        if dist.channel == "FAX":
            return await self.fax.send_pdf(dist.destination, pdf, reference=report.accession_number)
        return await self.email.send(dist.destination, f"Radiology report {report.accession_number}", "Report attached.", pdf)

    async def run_forever(self, interval: float = 15.0) -> None:
        while True:
            try:
                async with SessionFactory() as session:
                    pending = await DistributionRepository(session).list_pending(utcnow())
                    for dist in pending:
                        await self.deliver(session, dist)
                    await session.commit()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("distribution pass failed")
            await asyncio.sleep(interval)
