"""Polls the payments API for payouts whose webhooks have not arrived. ``python -m payflow.workers.payout_poller``"""
from __future__ import annotations

import asyncio
from datetime import timedelta

import structlog

from payflow.clients.payments_client import PaymentsClient
from payflow.db.engine import SessionFactory
from payflow.models import PayoutStatus
from payflow.repositories.payout_repo import PayoutRepository
from payflow.settings import get_settings
from payflow.utils.common import utcnow
from payflow.workers.base import GracefulExit, run_worker

log = structlog.get_logger(__name__)

BACKOFF = [timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4)]


class PayoutPoller:
    def __init__(self, payments: PaymentsClient) -> None:
        self.payments = payments
        self._last_status: dict[str, str] = {}

    async def poll_once(self) -> int:
        async with SessionFactory() as session:
            repo = PayoutRepository(session)
            due = await repo.claim_due_for_poll(utcnow(), limit=100)
            if not due:
                return 0
            remote = await self.payments.list_payouts([p.provider_payout_id for p in due if p.provider_payout_id])
            by_id = {r.id: r for r in remote}
            changed = 0
            for payout in due:
                state = by_id.get(payout.provider_payout_id or "")
                if state is None:
                    continue
                previous = self._last_status.get(state.id)
                self._last_status[state.id] = state.status
                if state.status == payout.status.value:
                    payout.next_poll_at = utcnow() + (BACKOFF[2] if previous == state.status else BACKOFF[1])
                    continue
                payout.status = PayoutStatus(state.status)
                payout.failure_reason = state.failure_reason
                if payout.status == PayoutStatus.SETTLED:
                    payout.settled_at = utcnow()
                    payout.next_poll_at = None
                elif payout.status in (PayoutStatus.RETURNED, PayoutStatus.FAILED):
                    payout.next_poll_at = None
                else:
                    payout.next_poll_at = utcnow() + BACKOFF[0]
                log.info("payout_status_changed", payout_id=payout.id, previous=previous, status=state.status)
                changed += 1
            await session.commit()
            return changed


async def main(exit_: GracefulExit) -> None:
    settings = get_settings()
    payments = PaymentsClient()
    poller = PayoutPoller(payments)
    try:
        while not exit_.stopping:
            try:
                await poller.poll_once()
            except Exception:
                await asyncio.sleep(5)
                continue
            await exit_.sleep(settings.payout_poll_interval_seconds)
    finally:
        await payments.close()


if __name__ == "__main__":
    run_worker("payout_poller", main)
