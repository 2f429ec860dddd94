"""Income and asset verification through the bank-data aggregator."""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.aggregator import AggregatorClient
from ..models import Borrower
from ..repositories import DocumentRepository

log = logging.getLogger(__name__)

STATEMENT_MONTHS = 2


class VerificationService:
    def __init__(self, session: AsyncSession, aggregator: AggregatorClient) -> None:
        self.session = session
        self.aggregator = aggregator
        self.documents = DocumentRepository(session)

    async def _income_from_documents(self, borrower: Borrower) -> Decimal:
        w2s = await self.documents.for_application(borrower.application_id, kind="w2")
        mine = [d for d in w2s if d.borrower_id == borrower.id and d.ocr_status == "done"]
        if not mine:
            return Decimal("0")
        latest = max(mine, key=lambda d: d.extracted.get("tax_year", 0))
        return Decimal(str(latest.extracted.get("wages", 0))) / 12

    async def verified_monthly_income(self, borrower: Borrower) -> Decimal:
        if not borrower.aggregator_link_id:
            return await self._income_from_documents(borrower)
        streams = await self.aggregator.income_streams(borrower.aggregator_link_id)
        total = sum(Decimal(str(s["monthly_amount"])) for s in streams if s.get("status") == "active")
        return Decimal(total)

    async def verified_assets(self, borrower: Borrower) -> dict[str, Any]:
        if not borrower.aggregator_link_id:
            return {"accounts": [], "total": "0"}
        accounts = await self.aggregator.accounts(borrower.aggregator_link_id)
        statements: dict[str, int] = {}
        for account in accounts:
            pdf = await self.aggregator.statement_pdf(borrower.aggregator_link_id, account["id"])
            statements[account["id"]] = len(pdf)
        total = sum(Decimal(str(a["balance"]["current"])) for a in accounts if a["type"] in ("checking", "savings"))
        return {"accounts": accounts, "statements": statements, "total": str(total)}
