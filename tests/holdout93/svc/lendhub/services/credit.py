from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.bureau import BureauClient, BureauError, BureauRateLimited
from ..models import CreditReport, Liability
from ..repositories import BorrowerRepository, CreditRepository
from ..utils.resilience import CircuitOpen
from .errors import CreditPullFailed, NotFound

log = logging.getLogger(__name__)

REUSE_WINDOW = timedelta(days=30)


def representative_score(report: CreditReport) -> int | None:
    scores = [s for s in (report.experian_score, report.equifax_score, report.transunion_score) if s]
    if not scores:
        return None
    if len(scores) == 3:
        return sorted(scores)[1]
    return min(scores)


class CreditService:
    def __init__(self, session: AsyncSession, bureau: BureauClient) -> None:
        self.session = session
        self.bureau = bureau
        self.reports = CreditRepository(session)
        self.borrowers = BorrowerRepository(session)

    async def ensure_report(self, borrower_id: int) -> CreditReport:
        since = datetime.now(timezone.utc) - REUSE_WINDOW
        existing = await self.reports.latest_for_borrower(borrower_id, since)
        if existing is not None:
            return existing
        return await self._pull(borrower_id)

    async def _pull(self, borrower_id: int) -> CreditReport:
        from ..models import Borrower

        borrower = await self.session.get(Borrower, borrower_id)
        if borrower is None:
            raise NotFound(f"borrower {borrower_id}")
        applicant = {
            "first_name": borrower.first_name,
            "last_name": borrower.last_name,
            "ssn_token": borrower.ssn_token,
        }
        try:
            body = await self.bureau.pull_tri_merge(applicant, request_id=str(uuid.uuid4()))
        except (BureauRateLimited, CircuitOpen) as exc:
            raise CreditPullFailed("credit bureau temporarily unavailable") from exc
        except BureauError:
            raise CreditPullFailed("credit bureau rejected the request")
        report = CreditReport(
            borrower_id=borrower_id,
            bureau_reference=body["reference"],
            pulled_at=datetime.now(timezone.utc),
            experian_score=body["scores"].get("EXP"),
            equifax_score=body["scores"].get("EFX"),
            transunion_score=body["scores"].get("TUC"),
            raw=body,
        )
        liabilities = [
            Liability(
                creditor=t["creditor"],
                account_type=t["type"],
                monthly_payment=Decimal(str(t["payment"])),
                balance=Decimal(str(t["balance"])),
            )
            for t in body.get("tradelines", [])
        ]
        await self.reports.save_report(report, liabilities)
        await self.session.commit()
        log.info("credit pulled for borrower %s ref=%s", borrower_id, report.bureau_reference)
        return report

    async def summary(self, application_id: int) -> list[dict[str, Any]]:
        out = []
        for borrower in await self.borrowers.for_application(application_id):
            report = await self.ensure_report(borrower.id)
            out.append({"borrower_id": borrower.id, "score": representative_score(report)})
        return out
