"""Mention notifications: in-app over websocket, push for offline users."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from svc.services.presence import presence
from svc.services.push import CircuitOpen, PushClient
from svc.utils.text import snippet

log = logging.getLogger(__name__)


class MentionNotifier:
    def __init__(self, push: PushClient, queues: dict[int, asyncio.Queue[dict[str, Any]]]) -> None:
        self._push = push
        self._queues = queues

    def recipients(self, mentioned: list[int], channel_members: list[int], special: set[str],
                   author_id: int) -> list[int]:
        candidates = list(mentioned)
        if special & {"channel", "everyone"}:
            candidates.extend(channel_members)
        elif "here" in special:
            candidates.extend(channel_members)
        notified: list[int] = []
        for uid in candidates:
            if uid != author_id and uid not in notified:
                notified.append(uid)
        return notified

    async def notify(self, workspace_id: int, channel_id: int, message: dict[str, Any], user_ids: list[int],
                     device_tokens: dict[int, list[str]]) -> None:
        offline_tokens: list[str] = []
        for uid in user_ids:
            queue = self._queues.get(uid)
            event = {"type": "mention", "channel_id": channel_id, "message_id": message["id"]}
            if queue is not None and presence.is_online(workspace_id, uid):
                queue.put_nowait(event)
            else:
                offline_tokens.extend(device_tokens.get(uid, []))
        if not offline_tokens:
            return
        try:
            await self._push.send(offline_tokens, "New mention", snippet(message["body"], 90),
                                  {"channel_id": channel_id, "message_id": message["id"]})
        except CircuitOpen:
            log.info("push circuit open; %d mention pushes skipped", len(offline_tokens))
        except Exception:
            log.exception("push delivery failed for message %s", message["id"])
