from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import Lot, Payout, SellerAccount
from svc.repos.payouts import PayoutRepo
from svc.repos.users import UserRepo
from svc.utils.locks import account_locks, lot_locks

log = logging.getLogger(__name__)


class PayoutAdjustments:
    """Chargebacks and manual corrections against a seller's pending balance."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def chargeback(self, seller_id: int, lot_id: int, amount_cents: int) -> None:
        async with account_locks.hold(seller_id):
            async with lot_locks.hold(lot_id):
                async with self.sessions() as session, session.begin():
                    account = await session.get(SellerAccount, seller_id, with_for_update=True)
                    lot = await session.get(Lot, lot_id)
                    account.balance_cents -= amount_cents
                    lot.status = "charged_back"
                    payout = await session.scalar(select(Payout).where(Payout.lot_id == lot_id))
                    if payout is not None and payout.status == "pending":
                        payout.status = "cancelled"
        log.info("chargeback seller=%s lot=%s amount=%s", seller_id, lot_id, amount_cents)

    async def credit(self, seller_id: int, amount_cents: int, reason: str) -> int:
        async with self.sessions() as session:
            account = await session.get(SellerAccount, seller_id)
            balance = account.balance_cents
            await session.commit()
        async with self.sessions() as session, session.begin():
            account = await session.get(SellerAccount, seller_id)
            account.balance_cents = balance + amount_cents
        log.info("manual credit seller=%s amount=%s reason=%s", seller_id, amount_cents, reason)
        return balance + amount_cents

    async def statement(self, seller_id: int) -> dict:
        async with self.sessions() as session:
            payouts = await PayoutRepo(session).history(seller_id)
            stats = await UserRepo(session).seller_stats(seller_id)
        totals: dict[str, int] = {}
        for p in payouts:
            totals[p.status] = totals.get(p.status, 0) + p.amount_cents
        return {
            "seller": seller_id,
            "stats": stats,
            "totals_cents": totals,
            "payouts": [
                {"id": p.id, "lot": p.lot_id, "amount_cents": p.amount_cents, "status": p.status,
                 "created_at": p.created_at.isoformat()}
                for p in payouts
            ],
        }
