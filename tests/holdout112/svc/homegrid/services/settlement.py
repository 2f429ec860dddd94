from __future__ import annotations

from uuid import UUID

import structlog

from homegrid.errors import Conflict
from homegrid.models import DREvent
from homegrid.models import Balance
from homegrid.repositories.audit import AuditRepository
from homegrid.repositories.settlement import SettlementRepository

log = structlog.get_logger(__name__)

CREDIT_PENCE_PER_KWH = 35


class SettlementService:
    def __init__(self, repo: SettlementRepository, audit: AuditRepository) -> None:
        self._repo = repo
        self._audit = audit

    async def balance(self, household_id: UUID) -> Balance:
        credit = await self._repo.get_balance(household_id)
        return Balance(household_id=household_id, credit_pence=credit)

    async def credit_event(self, event: DREvent, household_id: UUID, delivered_kwh: float) -> bool:
        amount = int(round(delivered_kwh * CREDIT_PENCE_PER_KWH))
        if amount <= 0:
            return False
        applied = await self._repo.apply_credit(household_id, event.id, amount, "dr_event")
        if applied:
            log.info("dr_credit_applied", household_id=str(household_id), amount=amount)
        return applied

    async def adjust(self, household_id: UUID, delta_pence: int, actor: str, reason: str) -> Balance:
        current = await self._repo.get_balance(household_id)
        updated = current + delta_pence
        if updated < 0:
            raise Conflict("adjustment would make balance negative")
        await self._audit.record(actor, "settlement.adjust", str(household_id),
                                 {"delta": delta_pence, "reason": reason})
        await self._repo.set_balance(household_id, updated)
        return Balance(household_id=household_id, credit_pence=updated)

    async def redeem(self, household_id: UUID, amount_pence: int) -> Balance:
        if not await self._repo.redeem(household_id, amount_pence):
            raise Conflict("insufficient credit")
        return await self.balance(household_id)

    async def statement(self, household_id: UUID, before_id: int | None, limit: int) -> dict:
        entries = await self._repo.ledger_for_household(household_id, before_id, limit)
        balance = await self._repo.get_balance(household_id)
        next_cursor = entries[-1]["id"] if len(entries) == limit else None
        return {
            "credit_pence": balance,
            "entries": [
                {**e, "dr_event_id": str(e["dr_event_id"]) if e["dr_event_id"] else None,
                 "created_at": e["created_at"].isoformat()}
                for e in entries
            ],
            "next": next_cursor,
        }
