import logging

import asyncpg

from payouts.gateway import BankClient, BankError, Gateway, GatewayError
from payouts.repo import PayoutRepo

log = logging.getLogger(__name__)


class PayoutService:
    def __init__(self, gateway: Gateway, repo: PayoutRepo, bank: BankClient) -> None:
        self.gateway = gateway
        self.repo = repo
        self.bank = bank

    async def pay(self, row) -> bool:
        try:
            ref = await self.gateway.payout(row["account"], row["cents"])
        except GatewayError:  # expect: logging-gap
            await self.repo.set_status(row["id"], "failed")
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        return True

    async def pay_logged(self, row) -> bool:
        try:
            ref = await self.gateway.payout(row["account"], row["cents"])
        except GatewayError as exc:
            # look-alike: the failure is logged where it is recorded
            log.warning("payout %s failed: %s", row["id"], exc)
            await self.repo.set_status(row["id"], "failed")
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        return True

    async def pay_with_reason(self, row) -> bool:
        try:
            ref = await self.gateway.payout(row["account"], row["cents"])
        except GatewayError as exc:
            # look-alike: the reason is stored with the status
            await self.repo.set_status(row["id"], "failed", reason=str(exc))
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        return True

    async def pay_logging_success(self, row) -> bool:
        try:
            ref = await self.gateway.payout(row["account"], row["cents"])
        except GatewayError as exc:  # expect: logging-gap
            # the reason is stored, but only successes reach the log that operators follow
            await self.repo.set_status(row["id"], "failed", reason=str(exc))
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        log.info("payout %s paid as %s", row["id"], ref)
        return True

    async def record(self, row, ref: str) -> int:
        try:
            await self.repo.set_status(row["id"], "paid", ref)
        except asyncpg.UniqueViolationError:
            # look-alike: a lost race answered by reading the winner's row
            existing = await self.repo.find_by_ref(ref)
            return existing["id"]
        return row["id"]

    async def transfer(self, row) -> bool:
        try:
            ref = self.bank.transfer(row["account"], row["cents"])  # a blocking SDK call fails the same way
        except BankError:  # expect: logging-gap
            await self.repo.set_status(row["id"], "failed")
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        return True

    async def transfer_logged(self, row) -> bool:
        try:
            ref = self.bank.transfer(row["account"], row["cents"])
        except BankError as exc:
            # look-alike: the failure is logged where it is recorded
            log.warning("transfer %s failed: %s", row["id"], exc)
            await self.repo.set_status(row["id"], "failed")
            return False
        await self.repo.set_status(row["id"], "paid", ref)
        return True
