"""TRID disclosures: Loan Estimate within 3 business days of application, CD 3 business days before closing."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Application, Disclosure
from ..repositories import DisclosureRepository
from ..utils.money import amortization_schedule
from ..utils.pdf import render_disclosure

FEDERAL_HOLIDAYS_2024 = {
    date(2024, 1, 1), date(2024, 1, 15), date(2024, 2, 19), date(2024, 5, 27), date(2024, 6, 19),
    date(2024, 7, 4), date(2024, 9, 2), date(2024, 10, 14), date(2024, 11, 11), date(2024, 11, 28),
    date(2024, 12, 25),
}

_render_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pdf")


def add_business_days(start: datetime, days: int) -> datetime:
    current = start
    added = 0
    while added < days:
        current = current + timedelta(days=1)
        if current.weekday() < 5 or current.date() not in FEDERAL_HOLIDAYS_2024:
            added += 1
    return current


def _disclosure_data(app: Application, rate: Decimal) -> dict[str, Any]:
    return {
        "loan_number": app.loan_number,
        "sections": {
            "loan terms": [("Loan amount", str(app.loan_amount)), ("Interest rate", f"{rate}%")],
            "property": [("State", app.property_state), ("Value", str(app.property_value))],
        },
        "schedule": amortization_schedule(app.loan_amount, rate, 360),
    }


class DisclosureService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = DisclosureRepository(session)

    async def open_timers(self, app: Application) -> None:
        now = datetime.now(timezone.utc)
        await self.repo.add(Disclosure(application_id=app.id, kind="LE", due_at=add_business_days(now, 3)))
        await self.session.commit()

    async def loan_estimate_pdf(self, app: Application, rate: Decimal) -> bytes:
        loop = asyncio.get_running_loop()
        data = _disclosure_data(app, rate)
        return await loop.run_in_executor(_render_pool, render_disclosure, "Loan Estimate", data)

    async def closing_disclosure_pdf(self, app: Application, rate: Decimal) -> bytes:
        data = _disclosure_data(app, rate)
        return render_disclosure("Closing Disclosure", data)

    async def mark_sent(self, disclosure_id: int) -> None:
        await self.repo.mark_sent(disclosure_id, datetime.now(timezone.utc))
        await self.session.commit()
