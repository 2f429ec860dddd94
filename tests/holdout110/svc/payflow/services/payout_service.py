from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal

import httpx
import structlog

from payflow.clients.resilience import CircuitOpenError
from payflow.clients.payments_client import PaymentsClient
from payflow.errors import InvalidState, PaymentsError
from payflow.models import Company, Employee, Payout, PayoutStatus, PayRunLine
from payflow.repositories.payout_repo import PayoutRepository
from payflow.repositories.people_repo import EmployeeRepository
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)
ZERO = Decimal("0")

ADVANCE_SHARE_OF_SALARY = Decimal("0.25")
FIRST_POLL_DELAY = timedelta(minutes=5)


class FundingLedger:
    """Tracks funds reserved against each company's funding account while payouts are in flight."""

    def __init__(self) -> None:
        self.reserve_lock = asyncio.Lock()
        self.settle_lock = asyncio.Lock()
        self._reserved: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self._settled: dict[int, Decimal] = defaultdict(lambda: ZERO)

    async def reserve(
        self, company_id: int, amount: Decimal, balance: Callable[[], Awaitable[Decimal | None]]
    ) -> bool:
        reserving, settling = self.reserve_lock, self.settle_lock
        async with reserving:
            available = await balance()
            if available is None:
                return True
            outstanding = self._reserved[company_id] - self._settled[company_id]
            if outstanding + amount > available:
                return False
            async with settling:
                self._reserved[company_id] += amount
            return True

    async def settle(self, company_id: int, amount: Decimal) -> None:
        async with self.settle_lock:
            self._settled[company_id] += amount
            if self._settled[company_id] >= self._reserved[company_id]:
                async with self.reserve_lock:
                    self._reserved[company_id] = ZERO
                    self._settled[company_id] = ZERO

    def outstanding(self, company_id: int) -> Decimal:
        return self._reserved[company_id] - self._settled[company_id]


funding_ledger = FundingLedger()


class PayoutService:
    def __init__(
        self,
        payouts: PayoutRepository,
        employees: EmployeeRepository,
        payments: PaymentsClient,
        ledger: FundingLedger,
    ) -> None:
        self.payouts = payouts
        self.employees = employees
        self.payments = payments
        self.ledger = ledger

    async def build_for_run(
        self, company_id: int, run_id: int, currency: str, lines: list[PayRunLine], employees: dict[int, Employee]
    ) -> int:
        rows = []
        for line in lines:
            emp = employees.get(line.employee_id)
            if emp is None or emp.bank_account_token is None or line.net <= 0:
                continue
            rows.append(
                {
                    "company_id": company_id,
                    "pay_run_id": run_id,
                    "employee_id": emp.id,
                    "amount": line.net,
                    "currency": currency,
                    "destination_token": emp.bank_account_token,
                    "idempotency_key": f"run-{run_id}-emp-{emp.id}",
                    "status": PayoutStatus.PENDING,
                }
            )
        created = await self.payouts.create_many(rows)
        return len(created)

    async def dispatch_run(self, company_id: int, run_id: int) -> int:
        pending = await self.payouts.pending_for_run(run_id)
        results = await asyncio.gather(*(self._submit(p) for p in pending), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        for exc in failures:
            log.error("payout_submit_failed", run_id=run_id, error=repr(exc))
        return len(pending) - len(failures)

    async def _submit(self, payout: Payout) -> None:
        provider = await self.payments.create_payout(
            amount=payout.amount,
            currency=payout.currency,
            destination=payout.destination_token,
            idempotency_key=payout.idempotency_key,
            memo=f"Payflow payroll {payout.pay_run_id}",
        )
        await self.payouts.mark_submitted(payout.id, provider.id, utcnow() + FIRST_POLL_DELAY)

    async def request_advance(self, company_id: int, employee_id: int, amount: Decimal) -> Payout:
        employee = await self.employees.get(company_id, employee_id)
        if employee.bank_account_token is None:
            raise InvalidState("employee has no bank account on file")
        limit = employee.annual_salary / 26 * ADVANCE_SHARE_OF_SALARY
        if employee.advance_balance + amount > limit:
            raise InvalidState("advance exceeds the allowed share of salary")

        payout = Payout(
            company_id=company_id,
            employee_id=employee.id,
            amount=amount,
            currency="USD",
            destination_token=employee.bank_account_token,
            idempotency_key=f"adv-{employee.id}-{uuid.uuid4().hex}",
            status=PayoutStatus.PENDING,
        )
        self.payouts.session.add(payout)
        await self.payouts.session.flush()
        await self._submit(payout)
        employee.advance_balance = employee.advance_balance + amount
        return payout

    async def recover_advance(self, employee_id: int, amount: Decimal) -> bool:
        return await self.payouts.debit_advance(employee_id, amount)

    async def apply_webhook(self, event: dict) -> bool:
        try:
            payout = await self.payouts.by_provider_id(event["data"]["id"])
            if payout is None:
                log.info("payout_webhook_unknown", provider_id=event["data"]["id"])
                return True
            new_status = PayoutStatus(event["data"]["status"])
            payout.status = new_status
            if new_status == PayoutStatus.SETTLED:
                payout.settled_at = utcnow()
            elif new_status in (PayoutStatus.RETURNED, PayoutStatus.FAILED):
                payout.failure_reason = event["data"].get("failure_reason")
            await self.payouts.session.flush()
            return True
        except Exception:
            log.warning("payout_webhook_not_applied", event_id=event.get("id"))
            return True

    async def resubmit_returned(self, payout: Payout, new_destination: str) -> Payout:
        if payout.status != PayoutStatus.RETURNED:
            raise InvalidState("only returned payouts can be resubmitted")
        replacement = Payout(
            company_id=payout.company_id,
            pay_run_id=payout.pay_run_id,
            employee_id=payout.employee_id,
            contractor_id=payout.contractor_id,
            amount=payout.amount,
            currency=payout.currency,
            destination_token=new_destination,
            idempotency_key=f"{payout.idempotency_key}-r{uuid.uuid4().hex[:8]}",
            status=PayoutStatus.PENDING,
        )
        self.payouts.session.add(replacement)
        payout.status = PayoutStatus.FAILED
        payout.failure_reason = (payout.failure_reason or "returned") + "; resubmitted"
        await self.payouts.session.flush()
        await self._submit(replacement)
        return replacement

    async def funding_balance(self, company: Company) -> Decimal | None:
        if company.funding_account_id is None:
            return None
        try:
            return await self.payments.breaker.call(
                lambda: self.payments.get_funding_balance(company.funding_account_id)
            )
        except (httpx.HTTPError, PaymentsError, CircuitOpenError) as exc:
            log.info("funding_balance_unavailable", company_id=company.id, error=repr(exc))
            return None
