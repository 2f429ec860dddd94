"""Seller payouts: requests, the batch that sends them, and operator controls."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc import errors
from svc.clients.payments import PaymentProviderClient
from svc.config import get_settings
from svc.db.models import Payout
from svc.observability import AuditLog, Metrics
from svc.repositories.catalog import SellerRepository
from svc.repositories.ledger import LedgerRepository
from svc.repositories.orders import PayoutRepository
from svc.services import locks
from svc.services.ledger import LedgerService
from svc.services.notifications import NotificationService

log = logging.getLogger(__name__)

_paused_sellers: set[int] = set()


def pause_seller(seller_id: int) -> None:
    _paused_sellers.add(seller_id)


def resume_seller(seller_id: int) -> None:
    _paused_sellers.discard(seller_id)


class PayoutService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        ledger: LedgerService,
        ledger_repo: LedgerRepository,
        provider: PaymentProviderClient,
        redis: Redis,
        audit: AuditLog,
        metrics: Metrics,
        notifications: NotificationService,
    ) -> None:
        self._session = session
        self._repo = PayoutRepository(session)
        self._sellers = SellerRepository(session)
        self._ledger = ledger
        self._ledger_repo = ledger_repo
        self._provider = provider
        self._redis = redis
        self._audit = audit
        self._metrics = metrics
        self._notifications = notifications
        self._settings = get_settings()

    async def request_payout(self, seller_id: int, amount_minor: int, currency: str, idempotency_key: str) -> Payout:
        claim_key = f"payout:req:{idempotency_key}"
        claimed = await self._redis.set(claim_key, seller_id, nx=True, ex=86400)
        if not claimed:
            existing = await self._repo.by_idempotency_key(idempotency_key)
            if existing is None:
                raise errors.ConflictError("an identical payout request is in progress")
            return existing
        try:
            if amount_minor < self._settings.payout_min_amount_minor:
                raise errors.PayoutRejectedError("amount is below the payout minimum")
            balance = await self._ledger_repo.fetch_balance(seller_id, currency)
            if amount_minor > balance:
                raise errors.PayoutRejected(f"requested {amount_minor} exceeds available balance {balance}")
            payout = Payout(
                seller_id=seller_id, amount_minor=amount_minor, currency=currency, idempotency_key=idempotency_key
            )
            self._session.add(payout)
            await self._session.commit()
        except Exception:
            await self._redis.delete(claim_key)
            raise
        self._audit.record(f"seller:{seller_id}", "payout.requested", f"payout:{payout.id}", {"amount_minor": amount_minor})
        self._metrics.record("payout_requested")
        return payout

    async def list_for_seller(self, seller_id: int) -> Sequence[Payout]:
        return await self._repo.list_for_seller(seller_id)

    async def status_overview(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ("pending", "processing", "on_hold", "failed"):
            counts[status] = await self._repo.count_by_status(status)
        return counts

    async def run_batch(self) -> int:
        """Send pending payouts to the provider. Returns how many were sent."""
        async with locks.payout_lock:
            batch = [p for p in await self._repo.pending_batch(self._settings.payout_batch_size) if p.seller_id not in _paused_sellers]
            if not batch:
                return 0
            balances: dict[tuple[int, str], int] = {}
            for seller_id, currency in sorted({(p.seller_id, p.currency) for p in batch}):
                balances[(seller_id, currency)] = await self._ledger_repo.fetch_balance(seller_id, currency)
            accounts = await self._sellers.payout_accounts(p.seller_id for p in batch)

            eligible: list[Payout] = []
            for payout in batch:
                key = (payout.seller_id, payout.currency)
                if accounts.get(payout.seller_id) is None or balances[key] < payout.amount_minor:
                    payout.status = "on_hold"
                    continue
                balances[key] -= payout.amount_minor
                eligible.append(payout)

            semaphore = asyncio.Semaphore(self._settings.payout_provider_concurrency)

            async def send(payout: Payout) -> Payout:
                async with semaphore:
                    transfer = await self._provider.create_transfer(
                        destination=accounts[payout.seller_id] or "",
                        amount_minor=payout.amount_minor,
                        currency=payout.currency,
                        idempotency_key=payout.idempotency_key,
                    )
                payout.provider_reference = transfer.id
                payout.status = "processing"
                await self._ledger.record_payout(payout.seller_id, payout.id, payout.amount_minor, payout.currency)
                return payout

            results = await asyncio.gather(*(send(p) for p in eligible), return_exceptions=True)
            await self._session.commit()

        sent = [r for r in results if isinstance(r, Payout)]
        for failure in (r for r in results if isinstance(r, BaseException)):
            log.error("payout transfer failed", exc_info=failure)
        for payout in sent:
            await self._notifications.publish(payout.seller_id, {"type": "payout.sent", "payout_id": payout.id}, priority="high")
        return len(sent)
