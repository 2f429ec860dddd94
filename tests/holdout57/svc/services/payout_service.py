"""Payout requests, approvals against adjuster limits, and submission to the bank."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timezone
from decimal import Decimal

from svc.clients.bank import BankClient, BankTransferError, TransferReceipt
from svc.db.engine import Database
from svc.db.models import LedgerEntry, Payout, PayoutStatus
from svc.infra.locks import KeyedLocks
from svc.infra.metrics import PAYOUTS_SUBMITTED
from svc.repositories.adjusters import AdjusterRepository
from svc.repositories.claims import ClaimRepository
from svc.repositories.ledger import LedgerRepository
from svc.repositories.payouts import PayoutRepository
from svc.services.errors import ApprovalRequired, Conflict, NotFound, UpstreamUnavailable
from svc.services.status_broadcaster import StatusBroadcaster

log = logging.getLogger(__name__)


class PayoutService:
    def __init__(self, db: Database, bank: BankClient, locks: KeyedLocks, broadcaster: StatusBroadcaster) -> None:
        self._db = db
        self._bank = bank
        self._locks = locks
        self._broadcaster = broadcaster

    async def request(
        self, claim_id: int, coverage_code: str, amount: Decimal, payee_name: str, payee_account: str, actor: str,
        idempotency_key: str | None = None,
    ) -> Payout:
        if amount <= 0:
            raise Conflict("payout amount must be positive")
        key = idempotency_key or uuid.uuid4().hex
        async with self._db.transaction() as session:
            payouts = PayoutRepository(session)
            existing = await payouts.by_idempotency_key(key)
            if existing is not None:
                return existing
            reserve = await LedgerRepository(session).reserve_locked(claim_id, coverage_code)
            if reserve is None:
                raise NotFound(f"no {coverage_code} reserve on claim {claim_id}")
            if reserve.paid_to_date + amount > reserve.amount:
                raise Conflict("payout exceeds outstanding reserve")
            return await payouts.add(
                Payout(
                    claim_id=claim_id,
                    coverage_code=coverage_code,
                    amount=amount,
                    payee_name=payee_name,
                    payee_account=payee_account,
                    status=PayoutStatus.PENDING_APPROVAL,
                    requested_by=actor,
                    idempotency_key=key,
                )
            )

    async def approve(self, payout_id: int, approver_id: int) -> Payout:
        async with self._db.session() as session:
            payout = await PayoutRepository(session).get(payout_id)
        if payout is None:
            raise NotFound(f"payout {payout_id} not found")
        async with self._locks.claim(payout.claim_id):
            balance = await self._bank.account_balance()
            if balance < payout.amount:
                raise Conflict("operating account cannot fund this payout today")
            async with self._db.transaction() as session:
                payouts = PayoutRepository(session)
                payout = await payouts.get_locked(payout_id)
                if payout.status != PayoutStatus.PENDING_APPROVAL:
                    raise Conflict(f"payout {payout_id} is {payout.status.value}")
                approver = await AdjusterRepository(session).get(approver_id)
                if approver is None:
                    raise NotFound(f"approver {approver_id} not found")
                if approver.email == payout.requested_by:
                    raise ApprovalRequired("payouts need a second approver")
                if payout.amount > approver.approval_limit:
                    raise ApprovalRequired(f"amount exceeds approval limit of {approver.approval_limit}")
                payout.status = PayoutStatus.APPROVED
                payout.approved_by = approver.email
        log.info("payout %s approved by %s", payout_id, approver_id)
        return payout

    async def submit(self, payout_id: int) -> Payout:
        async with self._db.session() as session:
            payout = await PayoutRepository(session).get(payout_id)
            claim = await ClaimRepository(session).get(payout.claim_id) if payout else None
        if payout is None or claim is None:
            raise NotFound(f"payout {payout_id} not found")
        if payout.status != PayoutStatus.APPROVED:
            raise Conflict(f"payout {payout_id} is not approved")
        try:
            receipt = await self._bank.submit_transfer(
                idempotency_key=payout.idempotency_key,
                amount=payout.amount,
                payee_name=payout.payee_name,
                payee_account=payout.payee_account,
                memo=f"{claim.claim_number} {payout.coverage_code}",
            )
        except Exception as exc:
            PAYOUTS_SUBMITTED.labels("failed").inc()
            await self._mark_failed(payout_id, str(exc))
            raise UpstreamUnavailable("bank transfer failed") from exc
        await self._record_payment(payout, receipt)
        PAYOUTS_SUBMITTED.labels("ok").inc()
        self._broadcaster.publish(claim.claim_number, "payment_sent", f"{payout.amount} to {payout.payee_name}")
        return payout

    async def _mark_failed(self, payout_id: int, reason: str) -> None:
        async with self._db.transaction() as session:
            payout = await PayoutRepository(session).get_locked(payout_id)
            payout.status = PayoutStatus.FAILED
            payout.failure_reason = reason[:2000]
        log.error("payout %s failed: %s", payout_id, reason)

    async def _record_payment(self, payout: Payout, receipt: TransferReceipt) -> None:
        async with self._locks.ledger():
            async with self._locks.claim(payout.claim_id):
                async with self._db.transaction() as session:
                    stored = await PayoutRepository(session).get_locked(payout.id)
                    stored.status = PayoutStatus.SUBMITTED
                    stored.external_ref = receipt.reference
                    stored.submitted_at = datetime.now(timezone.utc)
                    ledger = LedgerRepository(session)
                    reserve = await ledger.reserve_locked(payout.claim_id, payout.coverage_code)
                    reserve.paid_to_date = reserve.paid_to_date + payout.amount
                    await ledger.add_entry(
                        LedgerEntry(
                            claim_id=payout.claim_id,
                            entry_type="payment",
                            coverage_code=payout.coverage_code,
                            amount=payout.amount,
                            actor=stored.approved_by or "system",
                            memo=f"bank ref {receipt.reference}",
                        )
                    )

    async def retry_failed(self, payout_id: int) -> Payout:
        async with self._db.transaction() as session:
            payout = await PayoutRepository(session).get_locked(payout_id)
            if payout is None:
                raise NotFound(f"payout {payout_id} not found")
            if payout.status != PayoutStatus.FAILED:
                raise Conflict("only failed payouts can be retried")
            payout.status = PayoutStatus.APPROVED
        try:
            return await self.submit(payout_id)
        except BankTransferError as exc:
            raise UpstreamUnavailable(str(exc)) from exc
