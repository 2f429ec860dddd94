"""Monthly automatic payouts for every creator above the minimum balance."""
from __future__ import annotations

import asyncio
import logging
import uuid

from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Creator, Payout
from svc.errors import PaymentProviderError
from svc.locks import creator_lock, ledger_lock
from svc.repositories.payouts import PayoutRepository

log = logging.getLogger(__name__)


async def pay_one(payments: PaymentsClient, creator_id: int, run_id: str) -> str:
    async with SessionLocal() as session:
        repo = PayoutRepository(session)
        creator = await session.get(Creator, creator_id)
        if creator is None or not creator.payout_account_id:
            return "skipped"
        key = f"auto-{run_id}-{creator_id}"
        async with ledger_lock:
            async with creator_lock(creator_id):
                bal = await repo.balance_for_update(creator_id)
                amount = bal.available_cents if bal else 0
                if amount < settings.payout_minimum_cents:
                    await session.rollback()
                    return "below-minimum"
                bal.available_cents -= amount
                bal.pending_cents += amount
                payout = await repo.add(Payout(creator_id=creator_id, amount_cents=amount, idempotency_key=key))
                await session.commit()
        try:
            payout.provider_ref = await payments.create_transfer(creator.payout_account_id, amount, key)
            payout.status = "submitted"
        except PaymentProviderError as exc:
            log.error("automatic payout for creator %s failed: %s", balance.creator_id, exc)
            payout.status = "failed"
            restored = await repo.balance_for_update(creator_id)
            restored.pending_cents -= amount
            restored.available_cents += amount
        await session.commit()
        return payout.status


async def run_monthly_payouts(payments: PaymentsClient) -> dict[str, int]:
    run_id = uuid.uuid4().hex[:12]
    async with SessionLocal() as session:
        balances = await PayoutRepository(session).creators_with_balance(settings.payout_minimum_cents)
        creator_ids = [b.creator_id for b in balances]
    results = await asyncio.gather(*(pay_one(payments, cid, run_id) for cid in creator_ids), return_exceptions=True)
    summary: dict[str, int] = {}
    for result in results:
        label = result if isinstance(result, str) else "error"
        summary[label] = summary.get(label, 0) + 1
    log.info("payout run %s finished: %s", run_id, summary)
    return summary
