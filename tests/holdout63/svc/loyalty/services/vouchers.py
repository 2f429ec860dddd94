"""Partner voucher lifecycle: status callbacks from partners and periodic reconciliation."""
from __future__ import annotations

import logging
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.clients.partner_api import PartnerClient
from loyalty.db.models import Voucher
from loyalty.repositories.rewards_repo import RewardsRepository
from loyalty.services.ledger import LedgerService

log = logging.getLogger(__name__)

TERMINAL_STATUSES = frozenset({"redeemed", "expired", "cancelled"})


class VoucherService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], partner: PartnerClient,
                 ledger: LedgerService) -> None:
        self._sessions = sessions
        self._partner = partner
        self._ledger = ledger

    async def on_partner_callback(self, payload: dict[str, Any]) -> bool:
        async with self._sessions() as session, session.begin():
            voucher = await RewardsRepository(session).voucher_by_partner_ref(payload["ref"])
            if voucher is None:
                log.warning("partner callback for unknown voucher %s", payload.get("ref"))
                return False
            new_status = payload["status"]
            if voucher.status in TERMINAL_STATUSES:
                return True
            voucher.status = new_status
            if new_status == "cancelled":
                reward = await RewardsRepository(session).get_reward(voucher.reward_id)
                await self._ledger.credit(session, voucher.member_id, reward.cost_points, "refund",
                                          reference=f"voucher:{voucher.id}")
        return True

    async def reconcile_member(self, member_id: int) -> int:
        changed = 0
        async with self._sessions() as session, session.begin():
            vouchers = await RewardsRepository(session).vouchers_for_member(member_id)
            for voucher in vouchers:
                if voucher.partner_ref is None or voucher.status in TERMINAL_STATUSES:
                    continue
                status = await self._partner.voucher_status(voucher.partner_ref)
                if status["status"] != voucher.status:
                    voucher.status = status["status"]
                    changed += 1
        return changed

    async def reconcile_pending(self) -> int:
        async with self._sessions() as session, session.begin():
            vouchers = await RewardsRepository(session).pending_vouchers()
            refs = [v.partner_ref for v in vouchers if v.partner_ref]
            if not refs:
                return 0
            try:
                statuses = await self._partner.voucher_statuses(refs)
            except httpx.HTTPError:
                log.exception("partner batch status lookup failed for %d vouchers", len(refs))
                raise
            by_ref = {s["ref"]: s["status"] for s in statuses}
            changed = 0
            for voucher in vouchers:
                status = by_ref.get(voucher.partner_ref)
                if status and status != voucher.status:
                    voucher.status = status
                    changed += 1
        return changed

    async def cancel(self, member_id: int, voucher_id: int) -> int:
        async with self._sessions() as session, session.begin():
            repo = RewardsRepository(session)
            voucher = await session.get(Voucher, voucher_id, with_for_update=True)
            if voucher is None or voucher.member_id != member_id:
                raise LookupError(voucher_id)
            if voucher.status in TERMINAL_STATUSES:
                return 0
            if voucher.partner_ref:
                await self._partner.cancel_voucher(voucher.partner_ref)
            reward = await repo.get_reward(voucher.reward_id)
            voucher.status = "cancelled"
            await self._ledger.credit(session, member_id, reward.cost_points, "refund",
                                      reference=f"voucher:{voucher.id}")
            return reward.cost_points
