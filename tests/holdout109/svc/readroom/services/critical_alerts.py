from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.clients.pager_client import PagerClient
from readroom.db.engine import SessionFactory
from readroom.models import Report
from readroom.repositories.alerts import AlertRepository
from readroom.repositories.orders import OrderRepository
from readroom.repositories.referrers import ReferrerRepository
from readroom.services.notifications import publish_event
from readroom.services.template_render import detect_critical, finding_code
from readroom.settings import get_settings
from readroom.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class CriticalAlertService:
    def __init__(self, pager: PagerClient) -> None:
        self.pager = pager
        self.settings = get_settings()

    async def notify_critical(self, report: Report) -> list[int]:
        phrases = detect_critical(f"{report.findings}\n{report.impression}")
        if not phrases:
            return []
        created: list[int] = []
        async with SessionFactory() as session:
            for phrase in phrases:
                alert_id = await self._raise_one(session, report, phrase)
                if alert_id is not None:
                    created.append(alert_id)
            await session.commit()
        for alert_id in created:
            await publish_event("critical_alert", {"alert_id": alert_id, "report_id": report.id})
        return created

    async def _raise_one(self, session: AsyncSession, report: Report, phrase: str) -> int | None:
        alerts = AlertRepository(session)
        code = finding_code(phrase)
        existing = await alerts.open_for_study(report.study_id, code)
        if existing is not None:
            return None
        order = await OrderRepository(session).get_by_accession(report.accession_number)
        referrer_id = order.referrer_id if order else None
        alert = await alerts.create(
            report_id=report.id,
            study_id=report.study_id,
            referrer_id=referrer_id,
            finding_code=code,
            message=f"Critical finding on {report.accession_number}: {phrase}",
        )
        if referrer_id is not None:
            referrer = await ReferrerRepository(session).get(referrer_id)
            if referrer is not None:
                await self._page(referrer.npi, alert.message)
        return alert.id

    async def _page(self, recipient: str, message: str) -> None:
        try:
            await self.pager.page(recipient, message)
        except Exception:
            log.exception("paging %s failed", recipient)
            raise

    async def escalate_overdue(self) -> int:
        cutoff = utcnow() - timedelta(minutes=self.settings.critical_ack_minutes)
        async with SessionFactory() as session:
            repo = AlertRepository(session)
            overdue = await repo.unacknowledged_before(cutoff)
            for alert in overdue:
                await self.pager.page(
                    "radiology-coordinator",
                    f"UNACKNOWLEDGED critical result (level {alert.escalation_level + 1}): {alert.message}",
                    priority="urgent",
                )
                await repo.bump_escalation(alert.id)
            await session.commit()
        return len(overdue)

    async def acknowledge(self, alert_id: int, who: str) -> bool:
        async with SessionFactory() as session:
            ok = await AlertRepository(session).acknowledge(alert_id, who, utcnow())
            await session.commit()
        if ok:
            await publish_event("critical_ack", {"alert_id": alert_id, "by": who})
        return ok

    async def record_readback(self, alert_id: int, who: str, readback_text: str, report_text: str) -> dict:
        """Joint Commission read-back: the receiving clinician repeats the finding back."""
        expected = {w for w in report_text.lower().split() if len(w) > 4}
        heard = {w for w in readback_text.lower().split() if len(w) > 4}
        overlap = len(expected & heard) / max(1, len(expected))
        if overlap < 0.3:
            return {"alert_id": alert_id, "accepted": False, "reason": "read-back does not match the finding"}
        ok = await self.acknowledge(alert_id, who)
        return {"alert_id": alert_id, "accepted": ok, "overlap": round(overlap, 2)}
