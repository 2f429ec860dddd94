from __future__ import annotations

import asyncio
import logging
import time

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.fraud import FraudClient
from svc.db.models import FraudFlag

log = logging.getLogger(__name__)

REVIEW_THRESHOLD = 0.75


class FraudService:
    def __init__(self, client: FraudClient, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.client = client
        self.sessions = sessions
        self._review_sem = asyncio.Semaphore(8)

    async def assess_bid(self, bidder_id: int, lot_id: int, amount_cents: int, ip: str | None) -> float:
        score = await self.client.score_bid(bidder_id, lot_id, amount_cents, ip)
        if score >= REVIEW_THRESHOLD:
            async with self.sessions() as session:
                session.add(FraudFlag(user_id=bidder_id, score=score, reason=f"bid on lot {lot_id}"))
                await session.commit()
            log.info("bid flagged user=%s lot=%s score=%.3f", bidder_id, lot_id, score)
        return score

    async def review_bidders(self, bidder_ids: list[int]) -> dict[int, float]:
        """Score every bidder of a closing lot before the winner is charged."""
        scores: dict[int, float] = {}
        for user_id in bidder_ids:
            scores[user_id] = await self.client.score_account(user_id)
        return scores

    async def rescore_accounts(self, user_ids: list[int]) -> list[float]:
        async def one(uid: int) -> float:
            async with self._review_sem:
                return await self.client.score_account(uid)

        return await asyncio.gather(*(one(uid) for uid in user_ids))


async def bid_velocity(redis: Redis, bidder_id: int, window_s: int = 60) -> int:
    """Bids by this user in the current window, shared by every replica."""
    key = f"velocity:{bidder_id}:{int(time.time()) // window_s}"
    count = await redis.incr(key)
    if count == 1:
        await redis.expire(key, window_s * 2)
    return count
