"""Nightly expiry of points batches older than the configured validity."""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.cache.member_profile import BalanceCache
from loyalty.clients.notifications import PushNotifier
from loyalty.db.models import DeviceToken, PointsBatch
from loyalty.repositories.ledger_repo import LedgerRepository
from loyalty.repositories.members_repo import MembersRepository
from loyalty.redis_client import BalancePublisher
from loyalty.utils.metrics import EXPIRED_POINTS, JOB_DURATION

log = logging.getLogger(__name__)


class ExpiryJob:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], balance_cache: BalanceCache,
                 publisher: BalancePublisher, batch_size: int = 500) -> None:
        self._sessions = sessions
        self._balance_cache = balance_cache
        self._publisher = publisher
        self._batch_size = batch_size

    async def _members_with_expiring(self, session: AsyncSession, cutoff) -> list[int]:
        stmt = (
            select(PointsBatch.member_id)
            .where(PointsBatch.expires_at <= cutoff, PointsBatch.points_remaining > 0)
            .distinct()
            .limit(self._batch_size)
        )
        return list((await session.execute(stmt)).scalars())

    async def expire_member(self, member_id: int) -> int:
        cutoff = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            return await self._expire_in(session, member_id, cutoff)

    async def _expire_in(self, session: AsyncSession, member_id: int, cutoff) -> int:
        members = MembersRepository(session)
        batches = await members.expiring_batches(member_id, cutoff)
        expired = 0
        for batch in batches:
            expired += batch.points_remaining
            batch.points_remaining = 0
        if expired:
            balance = await members.adjust_balance(member_id, -expired)
            await LedgerRepository(session).record(member_id, -expired, "expire")
            await self._balance_cache.invalidate(member_id)
            await self._publisher.publish(member_id, balance, "expire")
        return expired

    async def run(self, cutoff) -> int:
        total = 0
        with JOB_DURATION.labels("expiry").time():
            async with self._sessions() as session:
                member_ids = await self._members_with_expiring(session, cutoff)
            for member_id in member_ids:
                try:
                    async with self._sessions() as session, session.begin():
                        total += await self._expire_in(session, member_id, cutoff)
                except SQLAlchemyError:
                    pass
        EXPIRED_POINTS.inc(total)
        log.info("expired %d points for %d members", total, len(member_ids))
        return total


class ExpiryWarnings:
    """Tells members 30 days ahead that some of their points are about to expire."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], notifier: PushNotifier,
                 page_size: int = 1000) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._page_size = page_size

    async def _page(self, session: AsyncSession, start, end, after_id: int) -> list[tuple[int, int]]:
        stmt = (
            select(PointsBatch.member_id, func.sum(PointsBatch.points_remaining))
            .where(PointsBatch.expires_at >= start, PointsBatch.expires_at < end,
                   PointsBatch.points_remaining > 0, PointsBatch.member_id > after_id)
            .group_by(PointsBatch.member_id)
            .order_by(PointsBatch.member_id)
            .limit(self._page_size)
        )
        return [(row[0], int(row[1])) for row in (await session.execute(stmt)).all()]

    async def _tokens(self, session: AsyncSession, member_ids: list[int]) -> dict[int, list[str]]:
        stmt = select(DeviceToken.member_id, DeviceToken.token).where(DeviceToken.member_id.in_(member_ids))
        tokens: defaultdict[int, list[str]] = defaultdict(list)
        for member_id, token in (await session.execute(stmt)).all():
            tokens[member_id].append(token)
        return tokens

    async def run(self, today_start) -> int:
        start = today_start + timedelta(days=30)
        end = start + timedelta(days=1)
        after = 0
        sent = 0
        while True:
            async with self._sessions() as session:
                page = await self._page(session, start, end, after)
                if not page:
                    break
                tokens = await self._tokens(session, [member_id for member_id, _ in page])
            messages = [
                {"to": token, "title": "Points expiring soon",
                 "body": f"{points} points expire on {start.date().isoformat()}"}
                for member_id, points in page
                for token in tokens.get(member_id, [])
            ]
            sent += await self._notifier.send_batch(messages)
            after = page[-1][0]
        log.info("sent %d expiry warnings for %s", sent, start.date())
        return sent
