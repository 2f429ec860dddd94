"""Signs and broadcasts approved withdrawals from the hot wallet."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis

from svc.clients.node_client import NodeError
from svc.clients.signer_client import SignerRejected
from svc.config import Settings
from svc.db.engine import sessionmaker
from svc.repositories.accounts import AccountRepository
from svc.repositories.withdrawals import WithdrawalRepository
from svc.services.ledger_service import LedgerService
from svc.services.notification_service import NotificationService
from svc.services.signer_service import SignerService
from svc.utils import locks
from svc.utils.observability import WITHDRAWALS, WORKER_ERRORS

log = logging.getLogger(__name__)


class WithdrawalDispatcher:
    name = "withdrawal-dispatcher"

    def __init__(
        self,
        redis_client: redis.Redis,
        signer: SignerService,
        nodes: dict,
        ledger: LedgerService,
        notifier: NotificationService,
        settings: Settings,
    ) -> None:
        self.redis = redis_client
        self.signer = signer
        self.nodes = nodes
        self.ledger = ledger
        self.notifier = notifier
        self.settings = settings

    async def dispatch_one(self, withdrawal_id: int) -> None:
        async with sessionmaker()() as session:
            repo = WithdrawalRepository(session)
            if not await repo.transition(withdrawal_id, "approved", "signing"):
                return
            await session.commit()
            withdrawal = await repo.get(withdrawal_id)

            async with locks.hot_wallet_lock:
                async with locks.sweep_lock:
                    try:
                        signed = await self.signer.sign_withdrawal(withdrawal)
                    except SignerRejected as exc:
                        log.error("signer rejected withdrawal %s: %s", withdrawal_id, exc)
                        await repo.set_status(withdrawal_id, "rejected_by_signer")
                        await session.commit()
                        return
                    try:
                        txid = await self.nodes[withdrawal.chain].broadcast(signed.raw)
                    except NodeError:
                        await repo.set_status(withdrawal_id, "broadcast_failed", signed_tx=signed.raw)
                        await session.commit()
                        return

            await repo.set_status(withdrawal_id, "broadcast", signed_tx=signed.raw, txid=txid, fee=signed.fee)
            accounts = AccountRepository(session)
            hot = await accounts.system_account(withdrawal.asset, "hot")
            fees = await accounts.system_account(withdrawal.asset, "fees")
            await session.commit()

        await self.ledger.settle_withdrawal(
            withdrawal.id, withdrawal.account_id, hot.id, fees.id,
            withdrawal.amount, withdrawal.fee, withdrawal.customer_id, withdrawal.asset,
        )
        WITHDRAWALS.labels("broadcast").inc()
        log.info("withdrawal %s broadcast as %s", withdrawal_id, txid)
        await self.notifier.withdrawal_updated(withdrawal.customer_id, {"id": withdrawal_id, "status": "broadcast", "txid": txid})

    async def tick(self) -> None:
        async with locks.distributed_lock(self.redis, "withdrawal-dispatcher", ttl_ms=120_000):
            async with sessionmaker()() as session:
                approved = await WithdrawalRepository(session).by_status("approved", limit=20)
                ids = [w.id for w in approved]
            for withdrawal_id in ids:
                await self.dispatch_one(withdrawal_id)

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
            except locks.LockNotAcquired:
                pass
            except Exception:
                WORKER_ERRORS.labels(self.name).inc()
                log.exception("dispatcher tick failed")
            await asyncio.sleep(5)
