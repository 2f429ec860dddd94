from __future__ import annotations

import logging

from ..clients.bank import BankClient
from ..errors import BankTransferError
from ..repositories.donations import DonationRepository
from ..repositories.payouts import PayoutRepository
from ..settings import Settings
from .audit import AuditLog

logger = logging.getLogger(__name__)


class PayoutService:
    """Groups settled donations into per-charity payout batches and sends them to the bank."""

    def __init__(
        self,
        payouts: PayoutRepository,
        donations: DonationRepository,
        bank: BankClient,
        audit: AuditLog,
        settings: Settings,
    ) -> None:
        self._payouts = payouts
        self._donations = donations
        self._bank = bank
        self._audit = audit
        self._batch_size = settings.payout_batch_size
        self._min_cents = settings.payout_min_cents

    async def eligible_charities(self) -> list[dict]:
        charities = await self._payouts.charities_with_unpaid()
        eligible = []
        for charity in charities:
            unpaid = await self._donations.sum_unpaid_for_charity(charity["id"])
            if unpaid >= self._min_cents:
                eligible.append({**charity, "unpaid_cents": unpaid})
        return eligible

    async def build_batch(self, charity: dict) -> tuple[dict, bool]:
        """Returns the new batch and whether the charity still has unpaid donations left over."""
        ids = await self._donations.unpaid_ids_for_charity(charity["id"], self._batch_size + 1)
        batch_ids = ids[: self._batch_size]
        has_more = len(batch_ids) > self._batch_size
        batch = await self._payouts.create_batch(charity["id"], batch_ids)
        return batch, has_more

    async def submit(self, batch: dict, account_ref: str) -> str | None:
        try:
            bank_ref = self._bank.transfer(account_ref, batch["total_cents"], f"GH-PAYOUT-{batch['id']}")
        except BankTransferError:
            await self._payouts.mark_failed(batch["id"])
            return None
        await self._payouts.mark_submitted(batch["id"], bank_ref)
        self._audit.record("payout.submitted", batch_id=batch["id"], bank_ref=bank_ref)
        return bank_ref

    async def run_cycle(self) -> int:
        submitted = 0
        for charity in await self.eligible_charities():
            batch, has_more = await self.build_batch(charity)
            if await self.submit(batch, charity["payout_account_ref"]):
                submitted += 1
            if has_more:
                logger.info("charity %s has more unpaid donations; next cycle picks them up", charity["id"])
        return submitted
