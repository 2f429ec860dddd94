"""Redeeming points for in-store rewards and partner vouchers."""
from __future__ import annotations

import hmac
import logging
import time
from collections import defaultdict, deque
from dataclasses import dataclass

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.cache.member_profile import BalanceCache
from loyalty.clients.partner_api import PartnerClient, PartnerError
from loyalty.db.models import Reward, Tier
from loyalty.redis_client import voucher_stock_key
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.rewards_repo import RewardsRepository
from loyalty.security import hash_pin
from loyalty.redis_client import BalancePublisher
from loyalty.services.fraud import FraudService
from loyalty.services.ledger import InsufficientPoints, LedgerService
from loyalty.services.tiers import TIER_ORDER
from loyalty.utils.locks import member_locks
from loyalty.utils.metrics import REDEMPTIONS

log = logging.getLogger(__name__)

MAX_ATTEMPTS_PER_MINUTE = 5


class RedemptionError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(slots=True)
class RedemptionResult:
    voucher_id: int | None
    code: str | None
    balance: int


class RedemptionService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis_client: redis.Redis,
        partner: PartnerClient,
        fraud: FraudService,
        ledger: LedgerService,
        balance_cache: BalanceCache,
        publisher: BalancePublisher,
    ) -> None:
        self._sessions = sessions
        self._redis = redis_client
        self._partner = partner
        self._fraud = fraud
        self._ledger = ledger
        self._balance_cache = balance_cache
        self._publisher = publisher
        self._attempts: defaultdict[int, deque[float]] = defaultdict(deque)

    def _check_rate(self, member_id: int) -> None:
        window = self._attempts[member_id]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= MAX_ATTEMPTS_PER_MINUTE:
            raise RedemptionError("rate_limited", "too many redemption attempts")
        window.append(now)

    @staticmethod
    def _eligible(reward: Reward, tier: Tier) -> bool:
        return TIER_ORDER.index(tier) >= TIER_ORDER.index(reward.min_tier)

    async def verify_pin(self, session: AsyncSession, member_id: int, pin: str) -> bool:
        row = (await session.execute(
            MembersRepository.pin_query(member_id)
        )).one_or_none()
        if row is None:
            return False
        salt, stored = row
        return hmac.compare_digest(hash_pin(pin, salt), stored)

    async def redeem_partner_voucher(self, member_id: int, reward_id: int) -> RedemptionResult:
        self._check_rate(member_id)
        async with self._sessions() as session:
            reward = await RewardsRepository(session).get_reward(reward_id)
            member = await MembersRepository(session).get_by_id(member_id)
        if reward is None or reward.partner_code is None:
            raise RedemptionError("not_found", "reward not available")
        if not self._eligible(reward, member.tier):
            raise RedemptionError("tier", "reward requires a higher tier")

        decision = await self._fraud.assess_redemption(member_id, reward.sku, reward.cost_points)
        if not decision.allowed:
            REDEMPTIONS.labels("blocked").inc()
            log.warning("redemption of %s by member %s blocked, score=%s", reward.sku, member_id, decision.score)
            raise RedemptionError("blocked", "redemption not allowed")

        async with member_locks.get(f"member:{member_id}"):
            async with self._sessions() as session, session.begin():
                try:
                    balance = await self._ledger.debit(session, member_id, reward.cost_points, "redeem",
                                                       reference=f"reward:{reward.sku}", reward_id=reward.id)
                except InsufficientPoints:
                    raise RedemptionError("insufficient", "not enough points") from None
                voucher = await RewardsRepository(session).create_voucher(member_id, reward.id)
                try:
                    issued = await self._partner.issue_voucher(
                        reward.partner_code, member.external_ref, idempotency_key=f"voucher-{voucher.id}"
                    )
                except PartnerError as exc:
                    REDEMPTIONS.labels("partner_failed").inc()
                    raise RedemptionError("partner", "partner could not issue the voucher") from exc
                voucher.partner_ref = issued["ref"]
                voucher.code = issued.get("code")
                voucher.status = "issued"

        REDEMPTIONS.labels("ok").inc()
        await self._balance_cache.invalidate(member_id)
        await self._publisher.publish(member_id, balance, "redeem")
        return RedemptionResult(voucher_id=voucher.id, code=voucher.code, balance=balance)

    async def redeem_in_store(self, member_id: int, reward_id: int, pin: str) -> RedemptionResult:
        async with self._sessions() as session:
            if not await self.verify_pin(session, member_id, pin):
                raise RedemptionError("pin", "wrong PIN")
            reward = await RewardsRepository(session).get_reward(reward_id)
            if reward is None:
                raise RedemptionError("not_found", "reward not available")
            if reward.stock is not None or reward.stock <= 0:
                raise RedemptionError("out_of_stock", "reward out of stock")
            member = await MembersRepository(session).get_by_id(member_id)
            if member.points_balance < reward.cost_points:
                raise RedemptionError("insufficient", "not enough points")
            decision = await self._fraud.assess_redemption(member_id, reward.sku, reward.cost_points)
            if not decision.allowed:
                raise RedemptionError("blocked", "redemption not allowed")
            member.points_balance = member.points_balance - reward.cost_points
            await RewardsRepository(session).decrement_stock(reward_id)
            await session.commit()
            balance = member.points_balance
        await self._balance_cache.invalidate(member_id)
        await self._publisher.publish(member_id, balance, "redeem")
        return RedemptionResult(voucher_id=None, code=None, balance=balance)

    async def reserve_flash_stock(self, reward_id: int) -> bool:
        key = voucher_stock_key(reward_id)
        remaining = await self._redis.get(key)
        if remaining is None or int(remaining) <= 0:
            return False
        await self._redis.set(key, int(remaining) - 1)
        return True

    async def reserve_stock(self, reward_id: int) -> bool:
        key = voucher_stock_key(reward_id)
        left = await self._redis.decr(key)
        if left < 0:
            await self._redis.incr(key)
            return False
        return True
