from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter

from svc.live.hub import ConnectionHub
from svc.rg.limits import ResponsibleGamblingService
from svc.settlement import rules
from svc.settlement.repository import SettlementRepository
from svc.utils.locks import bet_locks, wallet_locks
from svc.wallet.client import WalletClient, WalletError
from svc.workers.scheduler import LeaderLease

if TYPE_CHECKING:
    from asyncpg import Record

logger = logging.getLogger(__name__)

SETTLED = Counter("sb_bets_settled_total", "Bets settled", ["outcome"])
PAYOUT_FAILURES = Counter("sb_payout_failures_total", "Wallet credits that failed during settlement")


class SettlementWorker:
    def __init__(self, repo: SettlementRepository, wallet: WalletClient, rg: ResponsibleGamblingService,
                 hub: ConnectionHub, lease: LeaderLease, poll_s: float = 2.0) -> None:
        self._repo = repo
        self._wallet = wallet
        self._rg = rg
        self._hub = hub
        self._lease = lease
        self._poll_s = poll_s
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        backoff = self._poll_s
        while not self._stop.is_set():
            if not await self._lease.ensure():
                await asyncio.sleep(5)
                continue
            try:
                processed = await self.tick()
                backoff = self._poll_s
            except Exception:
                logger.exception("settlement tick failed; backing off %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                continue
            if processed == 0:
                await asyncio.sleep(self._poll_s)

    async def tick(self) -> int:
        pending = await self._repo.pending_results(limit=20)
        for result in pending:
            await self.settle_event(result["event_id"], result["payload"])
        return len(pending)

    async def settle_event(self, event_id: int, payload: dict[str, Any]) -> None:
        outcomes = rules.selection_outcomes(payload)
        if not outcomes:
            await self._repo.mark_result_processed(event_id)
            return
        bets = await self._repo.open_bets_for_selections(list(outcomes))
        decided = []
        for bet in bets:
            legs = await self._repo.legs_for_bet(bet["id"])
            verdict = rules.bet_outcome(legs, outcomes)
            if verdict is not None:
                decided.append((bet, verdict))
        await asyncio.gather(*(self._settle_one(bet, outcome, odds) for bet, (outcome, odds) in decided))
        await self._repo.mark_result_processed(event_id)
        logger.info("event %s settled: %d bets decided of %d open", event_id, len(decided), len(bets))

    async def void_event(self, event_id: int, selection_ids: list[int], reason: str) -> int:
        """Abandoned or cancelled event: every open leg on it is void."""
        payload = {"markets": [{"selection_ids": selection_ids, "void_selection_ids": selection_ids}]}
        logger.warning("voiding event %s (%d selections): %s", event_id, len(selection_ids), reason)
        await self.settle_event(event_id, payload)
        return len(selection_ids)

    async def _settle_one(self, bet: Record, outcome: str, effective_odds: Decimal) -> None:
        amount = rules.payout_for(bet["stake"], outcome, effective_odds, bet["free_bet_id"] is not None)
        async with wallet_locks.hold(bet["user_id"]):
            async with bet_locks.hold(bet["id"]):
                first_time = await self._repo.mark_settled(bet["id"], result=outcome, payout=amount)
                if not first_time:
                    return
                if amount > 0:
                    try:
                        await self._wallet.credit(bet["user_id"], amount, f"settle-{bet['id']}")
                    except WalletError:
                        PAYOUT_FAILURES.inc()
                        logger.error("payout of %s for bet %s failed; queued for manual review", amount, bet["id"])
                elif outcome == rules.LOST:
                    await self._rg.record_loss(bet["user_id"], bet["stake"])
        SETTLED.labels(outcome).inc()
        self._hub.send_to_user(bet["user_id"], {"type": "bet_settled", "bet_id": bet["id"], "outcome": outcome,
                                                "payout": str(amount)})
