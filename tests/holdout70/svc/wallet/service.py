"""Bonus balance kept in our own database (cash lives in the wallet service), and withdrawal requests."""
from __future__ import annotations

import logging
from decimal import Decimal

from redis.asyncio import Redis
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Wallet
from svc.rg.limits import ResponsibleGamblingService
from svc.utils.locks import wallet_locks
from svc.wallet.client import WalletClient

logger = logging.getLogger(__name__)

WITHDRAWAL_QUEUE_KEY = "withdrawals:pending"


class BonusBalanceError(Exception):
    pass


class BonusWalletService:
    def __init__(self, rg: ResponsibleGamblingService) -> None:
        self._rg = rg

    async def spend_bonus(self, session: AsyncSession, user_id: int, amount: Decimal) -> Decimal:
        wallet = await session.get(Wallet, user_id)
        if wallet is None or wallet.bonus_balance < amount:
            raise BonusBalanceError("insufficient bonus balance")
        await self._rg.assert_can_stake(user_id, amount)
        wallet.bonus_balance = wallet.bonus_balance - amount
        await session.commit()
        return wallet.bonus_balance

    async def grant_bonus(self, session: AsyncSession, user_id: int, amount: Decimal) -> Decimal:
        stmt = select(Wallet).where(Wallet.user_id == user_id).with_for_update()
        wallet = (await session.execute(stmt)).scalar_one()
        wallet.bonus_balance += amount
        wallet.version += 1
        await session.commit()
        logger.info("granted bonus %s to user %s", amount, user_id)
        return wallet.bonus_balance

    async def transfer_bonus(self, session: AsyncSession, from_user: int, to_user: int, amount: Decimal) -> None:
        """Referral bonus transfer between two accounts (both rows locked in id order)."""
        async with wallet_locks.hold_many([from_user, to_user]):
            stmt = (
                select(Wallet)
                .where(Wallet.user_id.in_([from_user, to_user]))
                .order_by(Wallet.user_id)
                .with_for_update()
            )
            wallets = {w.user_id: w for w in (await session.scalars(stmt)).all()}
            if wallets[from_user].bonus_balance < amount:
                raise BonusBalanceError("insufficient bonus balance")
            wallets[from_user].bonus_balance -= amount
            wallets[to_user].bonus_balance += amount
            await session.commit()
        logger.info("bonus transfer %s -> %s amount=%s", from_user, to_user, amount)

    async def claw_back(self, session: AsyncSession, user_id: int, amount: Decimal) -> bool:
        stmt = (
            update(Wallet)
            .where(Wallet.user_id == user_id, Wallet.bonus_balance >= amount)
            .values(bonus_balance=Wallet.bonus_balance - amount, version=Wallet.version + 1)
        )
        result = await session.execute(stmt)
        await session.commit()
        return result.rowcount == 1


class WithdrawalService:
    """Withdrawals are reviewed by payments ops; we only queue the request."""

    def __init__(self, redis: Redis, wallet: WalletClient) -> None:
        self._redis = redis
        self._wallet = wallet

    async def submit(self, user_id: int, amount: Decimal, reference: str) -> None:
        await self._redis.rpush(WITHDRAWAL_QUEUE_KEY, f"{reference}|{user_id}|{amount}")
        logger.info("withdrawal %s queued: user=%s amount=%s", reference, user_id, amount)

    async def pending_count(self) -> int:
        return int(await self._redis.llen(WITHDRAWAL_QUEUE_KEY))
