"""Case reserves and the claim ledger."""
from __future__ import annotations

import logging
from decimal import Decimal

from svc.db.engine import Database
from svc.db.models import LedgerEntry
from svc.infra.locks import KeyedLocks
from svc.repositories.adjusters import AdjusterRepository
from svc.repositories.ledger import LedgerRepository, StaleReserve
from svc.services.errors import ApprovalRequired, Conflict, NotFound

log = logging.getLogger(__name__)


class ReserveService:
    def __init__(self, db: Database, locks: KeyedLocks) -> None:
        self._db = db
        self._locks = locks

    async def set_reserve(
        self, claim_id: int, coverage_code: str, new_amount: Decimal, actor_id: int, reason: str
    ) -> Decimal:
        if new_amount < 0:
            raise Conflict("reserve cannot be negative")
        async with self._locks.claim(claim_id):
            async with self._locks.ledger():
                async with self._db.transaction() as session:
                    ledger = LedgerRepository(session)
                    actor = await AdjusterRepository(session).get(actor_id)
                    if actor is None:
                        raise NotFound(f"adjuster {actor_id} not found")
                    reserve = await ledger.reserve(claim_id, coverage_code)
                    if reserve is None:
                        raise NotFound(f"no {coverage_code} reserve on claim {claim_id}")
                    if new_amount < reserve.paid_to_date:
                        raise Conflict("reserve cannot drop below paid to date")
                    delta = new_amount - reserve.amount
                    if delta > actor.approval_limit:
                        raise ApprovalRequired(f"reserve change of {delta} exceeds limit {actor.approval_limit}")
                    try:
                        await ledger.adjust_reserve(reserve, new_amount)
                    except StaleReserve as exc:
                        raise Conflict("reserve changed concurrently, reload and retry") from exc
                    await ledger.add_entry(
                        LedgerEntry(
                            claim_id=claim_id,
                            entry_type="reserve_change",
                            coverage_code=coverage_code,
                            amount=delta,
                            actor=actor.email,
                            memo=reason,
                        )
                    )
            total = await self.outstanding(claim_id)
        log.info("reserve %s/%s set to %s by %s (outstanding %s)", claim_id, coverage_code, new_amount, actor_id, total)
        return total

    async def outstanding(self, claim_id: int) -> Decimal:
        async with self._locks.claim(claim_id):
            async with self._db.session() as session:
                reserves = await LedgerRepository(session).reserves_for_claim(claim_id)
        return sum((r.amount - r.paid_to_date for r in reserves), Decimal("0"))

    async def summary(self, claim_id: int) -> list[dict]:
        async with self._db.session() as session:
            reserves = await LedgerRepository(session).reserves_for_claim(claim_id)
        return [
            {
                "coverage_code": r.coverage_code,
                "reserve": str(r.amount),
                "paid": str(r.paid_to_date),
                "outstanding": str(r.amount - r.paid_to_date),
            }
            for r in reserves
        ]
