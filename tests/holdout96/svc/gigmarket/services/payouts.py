from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime, timezone
import logging
from typing import Any
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payouts import BankTransferClient, PayoutPartnerClient
from ..errors import PayoutError
from ..models import Payout, PayoutAccount
from ..repositories.payouts_repo import PayoutsRepository
from ..repositories.users_repo import UsersRepository
from .fees import compute_service_fee, tiered_rate


logger = logging.getLogger(__name__)


class PayoutService:
    def __init__(self, session: AsyncSession, bank: BankTransferClient, partner: PayoutPartnerClient) -> None:
        self.session = session
        self.bank = bank
        self.partner = partner
        self.repo = PayoutsRepository(session)
        self.users = UsersRepository(session)

    async def history(self, freelancer_id: int) -> list[dict[str, Any]]:
        return [
            {"id": p.id, "net": str(p.net_amount), "currency": p.currency, "state": p.payout_state,
             "paid_at": p.paid_at.isoformat() if p.paid_at else None}
            for p in await self.repo.for_freelancer(freelancer_id)
        ]

    def estimate_net(self, freelancer_id: int, gross_cents: int, lifetime_billed_cents: int) -> dict[str, str]:
        gross = Decimal(gross_cents) / 100
        fee = compute_service_fee(gross, tiered_rate(freelancer_id, lifetime_billed_cents), currency="USD")
        return {"gross": str(gross), "fee": str(fee), "net": str(gross - fee)}

    async def send_bank(self, payouts: list[Payout], accounts: dict[int, PayoutAccount]) -> int:
        sent = 0
        for payout in payouts:
            account = accounts[payout.freelancer_id]
            reference = f"gm-{payout.id}"
            try:
                result = await asyncio.to_thread(
                    self.bank.submit_transfer, reference, account.external_ref, payout.net_amount, payout.currency
                )
            except PayoutError:
                continue
            await self.repo.mark_paid(payout.id, result["id"], datetime.now(timezone.utc))
            sent += 1
        return sent

    async def send_partner(self, payouts: list[Payout], accounts: dict[int, PayoutAccount]) -> str:
        batch_id = uuid.uuid4().hex
        items = [
            {"reference": f"gm-{p.id}", "receiver": accounts[p.freelancer_id].external_ref,
             "amount": str(p.net_amount), "currency": p.currency}
            for p in payouts
        ]
        await self.repo.mark_batch([p.id for p in payouts], batch_id, "submitted")
        await self.session.commit()
        try:
            await self.partner.send_batch(batch_id, items)
        except PayoutError:
            logger.exception("partner batch %s rejected; re-queueing %d payouts", batch_id, len(items))
            await self.repo.mark_batch([p.id for p in payouts], batch_id, "queued")
            await self.session.commit()
            raise
        return batch_id

    @staticmethod
    def split_by_method(payouts: list[Payout], accounts: dict[int, PayoutAccount]) -> dict[str, list[Payout]]:
        groups: dict[str, list[Payout]] = defaultdict(list)
        for payout in payouts:
            account = accounts.get(payout.freelancer_id)
            if account is not None:
                groups[account.method].append(payout)
        return groups
