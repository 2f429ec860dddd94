"""Match chat: sending, history, typing indicators and read receipts."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from ..cache import RedisCache
from ..errors import Forbidden, QuotaExceeded
from ..models.social import Match, Message
from ..realtime.relay import Relay, match_room
from ..repositories.matches import MatchRepository
from ..repositories.messages import MessageRepository
from ..utils.common import clean_text
from .notifications import NotificationService

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 10
RATE_MAX_MESSAGES = 20
HISTORY_PAGE_MAX = 100


def serialize_message(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "match_id": message.match_id,
        "sender_id": message.sender_id,
        "body": message.body,
        "client_id": message.client_id,
        "created_at": message.created_at.isoformat() if message.created_at else None,
        "read_at": message.read_at.isoformat() if message.read_at else None,
    }


class ChatService:
    def __init__(
        self,
        matches: MatchRepository,
        messages: MessageRepository,
        relay: Relay,
        notifications: NotificationService,
        cache: RedisCache,
    ) -> None:
        self.matches = matches
        self.messages = messages
        self.relay = relay
        self.notifications = notifications
        self.cache = cache

    async def authorize(self, match_id: int, user_id: int) -> Match:
        match = await self.matches.get_for_member(match_id, user_id)
        if match is None or match.unmatched_at is not None:
            raise Forbidden("not a member of this match")
        return match

    async def send(self, match: Match, sender_id: int, body: str, client_id: str | None) -> dict[str, Any]:
        await self._check_rate(sender_id)
        message = await self.messages.add(match.id, sender_id, clean_text(body), client_id)
        payload = serialize_message(message)
        await self.relay.publish(match_room(match.id), {"type": "message", "message": payload})
        asyncio.create_task(self.notifications.new_message(match.peer_of(sender_id), sender_id, message))
        return payload

    async def _check_rate(self, sender_id: int) -> None:
        window = int(time.time() // RATE_WINDOW_SECONDS)
        key = f"chat:rate:{sender_id}:{window}"
        sent = await self.cache.redis.incr(key)
        if sent == 1:
            await self.cache.redis.expire(key, RATE_WINDOW_SECONDS * 2)
        if sent > RATE_MAX_MESSAGES:
            raise QuotaExceeded("slow down")

    async def typing(self, match: Match, user_id: int, active: bool) -> None:
        await self.relay.publish(match_room(match.id), {"type": "typing", "user_id": user_id, "active": active})

    async def mark_read(self, match: Match, reader_id: int, up_to_id: int) -> int:
        updated = await self.messages.mark_read(match.id, reader_id, up_to_id)
        if updated:
            await self.relay.publish(match_room(match.id), {"type": "read", "user_id": reader_id, "up_to": up_to_id})
            log.debug("user %s read %d messages in match %s", reader_id, updated, match.id)
        return updated

    async def history(self, match: Match, before_id: int | None, limit: int) -> list[dict[str, Any]]:
        rows = await self.messages.history(match.id, before_id, min(limit, HISTORY_PAGE_MAX))
        return [serialize_message(message) for message in rows]
