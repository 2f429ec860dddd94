from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Condition
from ..repositories import ApplicationRepository, ConditionRepository
from ..rules import RuleEngine
from .credit import CreditService, representative_score
from .errors import NotFound
from .verification import VerificationService

log = logging.getLogger(__name__)

STANDARD_CONDITIONS = {
    "DTI_BACK": "Provide explanation and documentation for monthly obligations",
    "DTI_FRONT": "Provide evidence of reserves covering 6 months PITIA",
    "LTV": "Provide mortgage insurance certificate",
    "CLTV": "Provide subordination agreement",
    "FICO": "Manual underwriting review of credit history",
}


class UnderwritingService:
    def __init__(
        self,
        session: AsyncSession,
        credit: CreditService,
        verification: VerificationService,
        rules: RuleEngine,
    ) -> None:
        self.session = session
        self.credit = credit
        self.verification = verification
        self.rules = rules
        self.apps = ApplicationRepository(session)
        self.conditions = ConditionRepository(session)

    async def run(self, application_id: int) -> dict[str, Any]:
        app = await self.apps.get_with_borrowers(application_id)
        if app is None:
            raise NotFound(f"application {application_id}")
        try:
            income = Decimal("0")
            debts = Decimal("0")
            scores = []
            for borrower in app.borrowers:
                income += await self.verification.verified_monthly_income(borrower)
                report = await self.credit.ensure_report(borrower.id)
                scores.append(representative_score(report))
                for liability in await self.credit.reports.liabilities(report.id):
                    debts += liability.monthly_payment
            fico = min((s for s in scores if s is not None), default=None)
            result = self.rules.evaluate(app, income, debts, fico, credit=report)
        except Exception as exc:
            log.warning("underwriting run failed for %s: %s", application_id, exc)
            return {"decision": "refer", "findings": ["SYSTEM"], "reason": str(exc)}
        await self._add_conditions(application_id, result.findings)
        await self.session.commit()
        return {"decision": result.decision, "findings": result.findings, "metrics": result.metrics}

    async def _add_conditions(self, application_id: int, findings: list[str]) -> None:
        existing = await self.conditions.open_for(application_id)
        required = [Condition(application_id=application_id, code=f, description=STANDARD_CONDITIONS[f]) for f in findings if f in STANDARD_CONDITIONS]
        new = [c for c in required if c.code not in [e.code for e in existing]]
        await self.conditions.add_many(new)

    async def queue_overview(self, application_ids: list[int]) -> list[dict[str, Any]]:
        overview = []
        for app_id in application_ids:
            open_conditions = await self.conditions.open_for(app_id)
            overview.append({"application_id": app_id, "open": [c.code for c in open_conditions]})
        return overview
