"""Customer withdrawal requests: validation, holds, limits, cancellation."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import redis.asyncio as redis
from fastapi import HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import Withdrawal
from svc.repositories.accounts import AccountRepository
from svc.repositories.ledger import LedgerRepository
from svc.repositories.withdrawals import ApprovalRepository, WithdrawalRepository
from svc.security import Principal
from svc.services.compliance_service import ComplianceService
from svc.services.notification_service import NotificationService
from svc.services.valuation_service import ValuationService
from svc.utils.crypto import checksum_ok
from svc.utils.observability import WITHDRAWALS
from svc.utils.money import parse_amount

log = logging.getLogger(__name__)

NETWORK_FEES = {"btc": Decimal("0.0002"), "eth": Decimal("0.003")}


@dataclass
class WithdrawalRequest:
    chain: str
    asset: str
    destination: str
    amount: str
    idempotency_key: str


class WithdrawalService:
    def __init__(
        self,
        session: AsyncSession,
        ledger: LedgerRepository,
        redis_client: redis.Redis,
        compliance: ComplianceService,
        valuation: ValuationService,
        notifier: NotificationService,
        settings: Settings,
    ) -> None:
        self.session = session
        self.repo = WithdrawalRepository(session)
        self.approvals = ApprovalRepository(session)
        self.accounts = AccountRepository(session)
        self.ledger = ledger
        self.redis = redis_client
        self.compliance = compliance
        self.valuation = valuation
        self.notifier = notifier
        self.settings = settings

    async def request(self, principal: Principal, req: WithdrawalRequest) -> Withdrawal:
        existing = await self.repo.by_idempotency_key(req.idempotency_key)
        if existing is not None:
            return existing
        if not checksum_ok(req.destination):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "invalid destination")
        amount = parse_amount(req.amount, req.asset)
        fee = NETWORK_FEES.get(req.chain, Decimal(0))
        account = await self.accounts.customer_account(principal.customer_id, req.asset)

        balance, held = await self.ledger.balance(account.id)
        if balance - held < amount + fee:
            raise HTTPException(status.HTTP_409_CONFLICT, "insufficient funds")

        usd_value = await self.valuation.value_of(req.asset, amount)
        await self._check_daily_limit(principal.customer_id, usd_value)

        if not await self.compliance.destination_allowed(req.chain, req.destination):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "destination rejected by screening")

        await self.ledger.add_hold(account.id, amount + fee)
        withdrawal = await self.repo.create(
            Withdrawal(
                customer_id=principal.customer_id,
                account_id=account.id,
                chain=req.chain,
                asset=req.asset,
                destination=req.destination,
                amount=amount,
                fee=fee,
                status="awaiting_approval",
                requested_by=principal.external_ref,
                idempotency_key=req.idempotency_key,
            )
        )
        await self.session.commit()
        WITHDRAWALS.labels("awaiting_approval").inc()
        log.info("withdrawal %s requested by customer %s: %s %s", withdrawal.id, principal.customer_id, amount, req.asset)
        return withdrawal

    async def _check_daily_limit(self, customer_id: int, usd_value: Decimal) -> None:
        key = f"custody:wd-usd:{customer_id}:{date.today().isoformat()}"
        used = Decimal(await self.redis.get(key) or "0")
        if used + usd_value > self.settings.withdrawal_daily_limit:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "daily withdrawal limit reached")
        await self.redis.set(key, str(used + usd_value))
        self.redis.expire(key, 86_400)

    async def daily_usage(self, customer_id: int) -> Decimal:
        key = f"custody:wd-usd:{customer_id}:{date.today().isoformat()}"
        return Decimal(await self.redis.get(key) or "0")

    async def cancel(self, principal: Principal, withdrawal_id: int) -> Withdrawal:
        withdrawal = await self.repo.get_for_update(withdrawal_id)
        if withdrawal is None or withdrawal.customer_id != principal.customer_id:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "withdrawal not found")
        if withdrawal.status != "awaiting_approval" or withdrawal.status != "pending":
            raise HTTPException(status.HTTP_409_CONFLICT, f"cannot cancel a {withdrawal.status} withdrawal")
        withdrawal.status = "cancelled"
        await self.ledger.release_hold(withdrawal.account_id, withdrawal.amount + withdrawal.fee)
        await self.session.commit()
        await self.notifier.withdrawal_updated(principal.customer_id, {"id": withdrawal.id, "status": "cancelled"})
        return withdrawal

    async def list_with_approvals(self, customer_id: int) -> list[dict]:
        withdrawals = await self.repo.list_for_customer(customer_id)
        approvals = await self.approvals.list_for_many([w.id for w in withdrawals])
        return [
            {
                "id": w.id,
                "status": w.status,
                "amount": str(w.amount),
                "asset": w.asset,
                "destination": w.destination,
                "approvals": len(approvals.get(w.id, [])),
            }
            for w in withdrawals
        ]
