from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import CreditReport, Liability


class CreditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest_for_borrower(self, borrower_id: int, since: datetime) -> CreditReport | None:
        stmt = (
            select(CreditReport)
            .where(CreditReport.borrower_id == borrower_id, CreditReport.pulled_at >= since)
            .order_by(CreditReport.pulled_at.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def liabilities(self, report_id: int) -> list[Liability]:
        stmt = select(Liability).where(Liability.credit_report_id == report_id)
        return list((await self.session.execute(stmt)).scalars())

    async def save_report(self, report: CreditReport, liabilities: list[Liability]) -> CreditReport:
        self.session.add(report)
        await self.session.flush()
        for liability in liabilities:
            liability.credit_report_id = report.id
        self.session.add_all(liabilities)
        await self.session.flush()
        return report
