"""Swipes, daily quotas and turning mutual likes into matches."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

from ..cache import RedisCache, daily_likes_key, superlike_key
from ..clients.storage import ObjectStorage
from ..errors import DomainError, NotFound, PaymentRequired, QuotaExceeded
from ..models.social import Match
from ..realtime.relay import Relay
from ..repositories.matches import MatchRepository
from ..repositories.messages import MessageRepository
from ..repositories.swipes import SwipeRepository
from ..repositories.users import UserRepository
from ..settings import Settings
from ..utils.common import preview, utcnow
from .notifications import NotificationService
from .subscriptions import SubscriptionService

log = logging.getLogger(__name__)

DIRECTIONS = ("like", "pass", "superlike")
QUOTA_TTL_SECONDS = 26 * 3600


class MatchingService:
    def __init__(
        self,
        swipes: SwipeRepository,
        matches: MatchRepository,
        messages: MessageRepository,
        users: UserRepository,
        subscriptions: SubscriptionService,
        notifications: NotificationService,
        relay: Relay,
        cache: RedisCache,
        storage: ObjectStorage,
        settings: Settings,
    ) -> None:
        self.swipes = swipes
        self.matches = matches
        self.messages = messages
        self.users = users
        self.subscriptions = subscriptions
        self.notifications = notifications
        self.relay = relay
        self.cache = cache
        self.storage = storage
        self.settings = settings

    async def swipe(self, swiper_id: int, swiped_id: int, direction: str) -> dict[str, Any]:
        if direction not in DIRECTIONS:
            raise DomainError("direction must be like, pass or superlike")
        if swiper_id == swiped_id:
            raise DomainError("cannot swipe on yourself")
        if direction == "like" and not await self.subscriptions.is_premium(swiper_id):
            await self._consume_like(swiper_id)
        elif direction == "superlike":
            await self._consume_superlike(swiper_id)
        await self.swipes.record(swiper_id, swiped_id, direction)
        if direction == "pass" or not await self.swipes.has_liked(swiped_id, swiper_id):
            return {"matched": False}
        match = await self._create_match(swiper_id, swiped_id)
        return {"matched": True, "match_id": match.id}

    async def _consume_like(self, user_id: int) -> None:
        key = daily_likes_key(user_id, date.today())
        used = int(await self.cache.redis.get(key) or 0)
        if used >= self.settings.free_daily_likes:
            raise QuotaExceeded("daily like limit reached")
        await self.cache.redis.set(key, used + 1, ex=QUOTA_TTL_SECONDS)

    async def _consume_superlike(self, user_id: int) -> None:
        key = superlike_key(user_id, date.today())
        used = await self.cache.redis.incr(key)
        if used == 1:
            await self.cache.redis.expire(key, QUOTA_TTL_SECONDS)
        if used > self.settings.superlikes_per_day:
            await self.cache.redis.decr(key)
            raise QuotaExceeded("no super likes left today")

    async def _create_match(self, a: int, b: int) -> Match:
        existing = await self.matches.find_between(a, b)
        if existing is not None:
            return existing
        match = await self.matches.create(a, b)
        log.info("match %s created between %s and %s", match.id, a, b)
        self.notifications.match_created(match)
        await self.relay.publish_to_users((a, b), {"type": "match", "match_id": match.id})
        return match

    async def undo_last_swipe(self, user_id: int) -> dict[str, Any]:
        if not await self.subscriptions.is_premium(user_id):
            raise PaymentRequired("rewind is a premium feature")
        undone = await self.swipes.undo_last(user_id)
        return {"undone": undone}

    async def likes_you(self, user_id: int, limit: int = 50) -> list[dict[str, Any]]:
        if not await self.subscriptions.is_premium(user_id):
            raise PaymentRequired("see who likes you with premium")
        rows = await self.swipes.likes_received(user_id, limit)
        admirers = {user.id: user for user in await self.users.get_by_ids([row["swiper_id"] for row in rows])}
        cards = []
        for row in rows:
            admirer = admirers.get(row["swiper_id"])
            if admirer is None or admirer.is_banned:
                continue
            photo = next((p for p in admirer.photos if p.status == "approved"), None)
            cards.append(
                {
                    "id": admirer.id,
                    "name": admirer.display_name,
                    "superlike": row["direction"] == "superlike",
                    "photo": self.storage.public_url(photo.thumb_key) if photo else None,
                }
            )
        return cards

    async def list_matches(self, user_id: int) -> list[dict[str, Any]]:
        matches = await self.matches.list_for(user_id, limit=100)
        peers = {user.id: user for user in await self.users.get_many([m.peer_of(user_id) for m in matches])}
        items = []
        for match in matches:
            peer = peers.get(match.peer_of(user_id))
            if peer is None:
                continue
            last = await self.messages.last_in(match.id)
            items.append(
                {
                    "match_id": match.id,
                    "peer": {"id": peer.id, "name": peer.display_name},
                    "last_message": preview(last.body) if last else None,
                    "unread": bool(last and last.sender_id != user_id and last.read_at is None),
                }
            )
        return items

    async def unmatch(self, match_id: int, user_id: int) -> None:
        match = await self.matches.get_for_member(match_id, user_id)
        if match is None or match.unmatched_at is not None:
            raise NotFound("match not found")
        await self.matches.unmatch(match_id, utcnow())
        await self.relay.publish_to_users((match.user_low, match.user_high), {"type": "unmatched", "match_id": match_id})
