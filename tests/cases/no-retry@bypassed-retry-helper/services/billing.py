from __future__ import annotations

from clients.ledger import LedgerClient
from clients.members import MembersApi
from clients.payouts import PayoutApi


class BillingService:
    def __init__(self, ledger: LedgerClient, members: MembersApi, payouts: PayoutApi) -> None:
        self._ledger = ledger
        self._members = members
        self._payouts = payouts

    async def settle(self, account: str, cents: int, ref: str) -> None:
        await self._ledger.charge(account, cents, ref)
        await self._ledger.credit("house", cents, ref)
        await self._payouts.transfer(account, cents, ref)

    async def undo(self, account: str, charge_id: str, transfer_id: str, ref: str) -> None:
        await self._ledger.void_charge(charge_id)
        await self._payouts.reverse(transfer_id, ref)

    async def dispute(self, transfer_id: str, reason: str) -> None:
        await self._payouts.open_dispute(transfer_id, reason)

    async def pay_out(self, batch_id: str, rows: list[dict]) -> None:
        await self._payouts.submit_batch(batch_id, rows)

    async def update_member(self, member_id: str, body: dict, tier: str, name: str) -> None:
        await self._members.upsert(member_id, body)
        await self._members.set_tier(member_id, tier)
        await self._members.rename(member_id, name)
