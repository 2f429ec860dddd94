from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Follow, User
from svc.repositories import follow_repo, users_repo
from svc.services.feed import FeedService
from svc.services.notifications import NotificationService
from svc.utils.resilience import user_locks


log = logging.getLogger(__name__)


class FollowError(Exception):
    pass


class FollowService:
    """Follower graph mutations. Graph changes for a user are serialised so counters stay exact."""

    def __init__(self, session: AsyncSession, feed: FeedService, notifications: NotificationService) -> None:
        self.session = session
        self.feed = feed
        self.notifications = notifications

    async def _bump_counts(self, follower_id: int, followee_id: int, delta: int) -> None:
        await self.session.execute(
            update(User).where(User.id == follower_id).values(following_count=User.following_count + delta)
        )
        await self.session.execute(
            update(User).where(User.id == followee_id).values(follower_count=User.follower_count + delta)
        )

    async def follow(self, follower_id: int, followee_id: int) -> bool:
        if follower_id == followee_id:
            raise FollowError("cannot follow yourself")
        if await follow_repo.is_blocked(self.session, followee_id, follower_id):
            raise FollowError("not allowed")
        async with user_locks.hold(f"user:{follower_id}"):
            async with user_locks.hold(f"user:{followee_id}"):
                created = await follow_repo.follow(self.session, follower_id, followee_id)
                if created:
                    await self._bump_counts(follower_id, followee_id, 1)
                await self.session.commit()
        if created:
            await self.feed.backfill_on_follow(follower_id, followee_id)
            await self.notifications.notify(followee_id, "follow", {"from": follower_id})
        return created

    async def unfollow(self, follower_id: int, followee_id: int) -> bool:
        removed = await follow_repo.unfollow(self.session, follower_id, followee_id)
        if removed:
            await self._bump_counts(follower_id, followee_id, -1)
        await self.session.commit()
        if removed:
            await self.feed.drop_author(follower_id, followee_id)
        return removed

    async def block(self, blocker_id: int, blocked_id: int) -> None:
        await follow_repo.block(self.session, blocker_id, blocked_id)
        await self.session.commit()
        await self.unfollow(blocked_id, blocker_id)
        await self.unfollow(blocker_id, blocked_id)

    async def suggestions(self, user_id: int, limit: int = 20) -> list[dict]:
        following = await follow_repo.following_ids(self.session, user_id)
        if not following:
            return []
        rows = await self.session.execute(
            select(Follow.followee_id).where(Follow.follower_id.in_(following[:500]))
        )
        candidates: Counter[int] = Counter()
        for (candidate,) in rows:
            if candidate != user_id and candidate not in following:
                candidates[candidate] += 1
        top_ids = [uid for uid, _ in candidates.most_common(limit)]
        users = await users_repo.get_many(self.session, top_ids)
        return [
            {**users_repo.to_public(users[uid]), "mutuals": candidates[uid]}
            for uid in top_ids
            if uid in users and not users[uid].is_banned
        ]
