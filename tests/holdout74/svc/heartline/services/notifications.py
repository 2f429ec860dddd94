"""Push notifications: matches, messages, announcements and held notifications."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import aiohttp
from redis.asyncio import Redis

from ..cache import NOTIFY_STREAM
from ..clients.push import PushClient
from ..repositories.notifications import DeviceRepository, OutboxRepository
from ..repositories.users import UserRepository
from ..utils.common import preview

if TYPE_CHECKING:
    from ..models.social import Match, Message
    from .presence import PresenceService

log = logging.getLogger(__name__)

HOLD_WHILE_ONLINE = timedelta(minutes=10)
CAMPAIGN_CHUNK = 500


class NotificationService:
    def __init__(
        self,
        push: PushClient,
        devices: DeviceRepository,
        outbox: OutboxRepository,
        users: UserRepository,
        redis: Redis,
    ) -> None:
        self.push = push
        self.devices = devices
        self.outbox = outbox
        self.users = users
        self.redis = redis
        self.presence: PresenceService | None = None

    def bind_presence(self, presence: PresenceService) -> None:
        self.presence = presence
        presence.add_listener(self)

    async def match_created(self, match: Match) -> None:
        for user_id in (match.user_low, match.user_high):
            await self._notify(user_id, "match", {"title": "It's a match!", "match_id": match.id})

    async def new_message(self, recipient_id: int, sender_id: int, message: Message) -> None:
        sender = await self.users.get(sender_id)
        payload = {
            "title": sender.display_name if sender else "New message",
            "body": preview(message.body),
            "match_id": message.match_id,
        }
        if self.presence is not None and await self.presence.is_online(recipient_id):
            # the socket shows it; push later only if it is still unread
            await self.outbox.enqueue(recipient_id, "message", payload, delay=HOLD_WHILE_ONLINE)
            return
        await self._notify(recipient_id, "message", payload)

    async def on_offline(self, user_id: int) -> None:
        held = await self.outbox.pending_for(user_id)
        if not held or self.presence is None:
            return
        if await self.presence.is_online(user_id):
            return
        tokens = await self.devices.tokens_for(user_id)
        if tokens:
            messages = [{"tokens": tokens, "notification": {"kind": row["kind"], **json.loads(row["payload"])}} for row in held]
            await self.push.send_batch(messages)
        await self.outbox.mark_sent([row["id"] for row in held])

    async def broadcast(self, user_ids: Sequence[int], title: str, body: str) -> int:
        results = await asyncio.gather(*(self._notify(uid, "announcement", {"title": title, "body": body}) for uid in user_ids))
        return sum(1 for delivered in results if delivered)

    async def schedule_campaign(self, user_ids: Sequence[int], title: str, body: str) -> int:
        chunks = 0
        for start in range(0, len(user_ids), CAMPAIGN_CHUNK):
            event = {"user_ids": list(user_ids[start:start + CAMPAIGN_CHUNK]), "payload": {"title": title, "body": body}}
            await self.redis.xadd(NOTIFY_STREAM, {"event": json.dumps(event)}, maxlen=100_000, approximate=True)
            chunks += 1
        return chunks

    async def _notify(self, user_id: int, kind: str, payload: dict[str, Any]) -> bool:
        tokens = await self.devices.tokens_for(user_id)
        if not tokens:
            return False
        try:
            result = await self.push.send(tokens, {"kind": kind, **payload})
        except aiohttp.ClientError:
            return False
        for token in result.invalid_tokens:
            await self.devices.disable_token(token)
        return True
