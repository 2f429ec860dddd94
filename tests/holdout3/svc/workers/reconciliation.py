"""Payout reconciliation against PayStream: settle in-flight payouts, find orphan transfers."""
from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.payments import PaymentProviderClient, Transfer
from svc.db.models import Payout
from svc.repositories.ledger import LedgerRepository
from svc.repositories.orders import PayoutRepository
from svc.services.ledger import LedgerService

log = logging.getLogger(__name__)


async def _apply(ledger: LedgerService, payout: Payout, transfer: Transfer) -> bool:
    if transfer.status == "paid" and payout.status != "paid":
        payout.status = "paid"
        payout.settled_at = datetime.fromtimestamp(transfer.created, UTC)
        return True
    if transfer.status in ("failed", "returned") and payout.status != "failed":
        payout.status = "failed"
        await ledger.record_payout_failure(payout.seller_id, payout.id, payout.amount_minor, payout.currency)
        return True
    return False


async def reconcile_once(
    sessions: async_sessionmaker[AsyncSession], provider: PaymentProviderClient, ledger_repo: LedgerRepository
) -> int:
    async with sessions() as session:
        in_flight = await PayoutRepository(session).in_flight()
        transfers = await asyncio.gather(*(provider.get_transfer(p.provider_reference or "") for p in in_flight))
        ledger = LedgerService(ledger_repo, session)
        changed = 0
        for payout, transfer in zip(in_flight, transfers):
            try:
                if await _apply(ledger, payout, transfer):
                    changed += 1
            except Exception:
                continue
        await session.commit()
    return changed


async def find_orphan_transfers(
    sessions: async_sessionmaker[AsyncSession], provider: PaymentProviderClient, day: datetime
) -> list[str]:
    """Transfers PayStream reports for `day` that have no payout row here."""
    start = day.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    async with sessions() as session:
        known_refs = list(
            (
                await session.scalars(
                    select(Payout.provider_reference).where(
                        Payout.requested_at >= start - timedelta(days=1),
                        Payout.requested_at < end,
                        Payout.provider_reference.is_not(None),
                    )
                )
            ).all()
        )
    orphans: list[str] = []
    async for transfer in provider.iter_transfers(created_from=start, created_to=end):
        if transfer.id not in known_refs:
            orphans.append(transfer.id)
    return orphans


async def run(
    sessions: async_sessionmaker[AsyncSession],
    provider: PaymentProviderClient,
    ledger_repo: LedgerRepository,
    *,
    interval: float = 300.0,
) -> None:
    last_orphan_check: str | None = None
    while True:
        changed = await reconcile_once(sessions, provider, ledger_repo)
        log.info("reconciliation updated %d payouts", changed)
        today = datetime.now(UTC).date().isoformat()
        if last_orphan_check != today:
            yesterday = datetime.now(UTC) - timedelta(days=1)
            orphans = await find_orphan_transfers(sessions, provider, yesterday)
            if orphans:
                log.error("found %d PayStream transfers without a payout: %s", len(orphans), orphans[:20])
            last_orphan_check = today
        await asyncio.sleep(interval)
