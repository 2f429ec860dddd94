"""Weekly driver payouts."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from svc.clients.bank_client import BankClient, BankUnavailable, TransferRejected
from svc.db.engine import session_factory
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.payout_repo import PayoutRepository
from svc.utils.resilience import retry_async

logger = logging.getLogger(__name__)

MINIMUM_PAYOUT_CENTS = 1_000


@dataclass(slots=True)
class StatementLine:
    reference: str
    amount_cents: int
    status: str


class PayoutService:
    def __init__(self, repo: PayoutRepository, bank: BankClient) -> None:
        self.repo = repo
        self.bank = bank

    async def schedule(self, pay_date: date) -> int:
        created = 0
        for driver_id in await self.repo.drivers_with_unpaid_earnings():
            total = await self.repo.unpaid_total(driver_id)
            if total < MINIMUM_PAYOUT_CENTS:
                continue
            await self.repo.create_payout(driver_id, total, pay_date)
            created += 1
        return created

    async def preview(self) -> dict[int, int]:
        driver_ids = await self.repo.drivers_with_unpaid_earnings()
        totals = await self.repo.unpaid_totals(driver_ids)
        return {d: t for d, t in totals.items() if t >= MINIMUM_PAYOUT_CENTS}

    async def _accounts(self, driver_ids: list[int]) -> dict[int, str | None]:
        async with session_factory()() as session:
            drivers = await DriverRepository(session).get_many(driver_ids)
        return {d: (drivers[d].bank_account_ref if d in drivers else None) for d in driver_ids}

    async def pay_one(self, payout, account_ref: str) -> None:
        reference = f"payout-{payout['id']}"
        try:
            transfer_id = await self.bank.transfer(account_ref, payout["amount_cents"], reference)
        except (BankUnavailable, TransferRejected) as exc:
            await self.repo.mark_failed(payout["id"], reason=str(exc))
            return
        await self.repo.mark_paid(payout["id"], transfer_id)

    async def pay_one_with_retry(self, payout, account_ref: str) -> None:
        reference = f"payout-{payout['id']}"
        try:
            transfer_id = await retry_async(
                lambda: self.bank.transfer(account_ref, payout["amount_cents"], reference),
                attempts=4,
                base_delay=1.0,
                retry_on=(BankUnavailable,),
            )
        except (BankUnavailable, TransferRejected) as exc:
            logger.error("payout %s failed: %s", payout["id"], exc)
            await self.repo.mark_failed(payout["id"], str(exc))
            return
        await self.repo.mark_paid(payout["id"], transfer_id)

    async def pay_all_pending(self) -> None:
        pending = await self.repo.all_pending()
        accounts = await self._accounts([p["driver_id"] for p in pending])
        await asyncio.gather(*(self.pay_one(p, accounts[p["driver_id"]]) for p in pending if accounts[p["driver_id"]]))

    async def pay_due(self, today: date, batch_size: int, concurrency: int) -> int:
        due = await self.repo.due_payouts(today, batch_size)
        accounts = await self._accounts([p["driver_id"] for p in due])
        semaphore = asyncio.Semaphore(concurrency)

        async def _guarded(payout) -> None:
            async with semaphore:
                await self.pay_one_with_retry(payout, accounts[payout["driver_id"]])

        await asyncio.gather(*(_guarded(p) for p in due if accounts[p["driver_id"]]))
        return len(due)

    @staticmethod
    def unmatched_lines(statement: list[StatementLine], paid: list[dict]) -> list[StatementLine]:
        unmatched = []
        for line in statement:
            found = False
            for payout in paid:
                if payout["bank_reference"] == line.reference and payout["amount_cents"] == line.amount_cents:
                    found = True
                    break
            if not found:
                unmatched.append(line)
        return unmatched

    @staticmethod
    def missing_from_statement(statement: list[StatementLine], paid: list[dict]) -> list[dict]:
        seen = {line.reference for line in statement}
        return [p for p in paid if p["bank_reference"] not in seen]
