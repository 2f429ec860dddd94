from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.container import Container
from svc.db.models import Message
from svc.repositories.channels import ChannelRepository
from svc.repositories.messages import MessageRepository
from svc.repositories.webhooks import WebhookRepository
from svc.services.notifications import MentionNotifier
from svc.services.ratelimit import check_tenant
from svc.services.unfurl import find_urls
from svc.utils.text import extract_mentions

log = logging.getLogger(__name__)


def _author_view(message: Message, display_name: str | None) -> dict[str, Any]:
    return {
        "id": message.id,
        "channel_id": message.channel_id,
        "author_id": message.author_id,
        "author": display_name,
        "body": message.body,
        "edited": message.edited,
        "created_at": message.created_at.isoformat(),
    }


class MessageService:
    def __init__(self, session: AsyncSession, container: Container, notifier: MentionNotifier) -> None:
        self._session = session
        self._c = container
        self._repo = MessageRepository(session)
        self._channels = ChannelRepository(session)
        self._hooks = WebhookRepository(session)
        self._notifier = notifier

    async def post(self, workspace_id: int, plan: str, channel_id: int, author_id: int, body: str,
                   parent_id: int | None = None) -> dict[str, Any]:
        check_tenant(workspace_id, plan)
        row = await self._c.store.insert(channel_id, author_id, body, parent_id)
        handles, special = extract_mentions(body)
        if handles or special:
            resolved = await self._c.store.resolve_mentions(handles)
            members = await self._channels.member_user_ids(channel_id) if special else []
            recipients = self._notifier.recipients(list(resolved.values()), members, special, author_id)
            await self._notifier.notify(workspace_id, channel_id, row, recipients, {})
        previews = []
        if await self._c.flags.enabled(workspace_id, "link_previews"):
            for url in find_urls(body):
                preview = await self._c.unfurler.preview(url)
                if preview is not None:
                    previews.append({"url": preview.url, "title": preview.title})
        event = {"type": "message", "message": {**row, "created_at": row["created_at"].isoformat()},
                 "previews": previews}
        await self._c.hub.publish(channel_id, event)
        asyncio.create_task(self._fan_out(workspace_id, channel_id, event))
        return row

    async def _fan_out(self, workspace_id: int, channel_id: int, event: dict[str, Any]) -> None:
        try:
            hooks = await self._hooks.active_for_event(workspace_id, channel_id, "message.created")
        except SQLAlchemyError:
            return
        results = await self._c.webhooks.notify_members(hooks, "message.created", event["message"])
        failures = [r for r in results if isinstance(r, Exception)]
        if failures:
            log.warning("%d of %d webhooks failed for channel %s", len(failures), len(hooks), channel_id)

    async def recent(self, channel_id: int, limit: int = 50) -> list[dict[str, Any]]:
        messages = await self._repo.list_recent(channel_id, limit)
        out = []
        for message in messages:
            author = await message.awaitable_attrs.author
            out.append(_author_view(message, author.display_name))
        return out

    async def page(self, channel_id: int, before_id: int | None, limit: int) -> list[dict[str, Any]]:
        messages = await self._repo.page_with_authors(channel_id, before_id, limit)
        return [_author_view(m, m.author.display_name) for m in messages]

    async def thread(self, parent_id: int) -> list[dict[str, Any]]:
        replies = await self._repo.list_thread_replies(parent_id)
        return [_author_view(m, None) for m in replies]

    async def edit(self, message_id: int, editor_id: int, body: str) -> Message | None:
        message = await self._repo.get(message_id)
        if message is None or message.author_id != editor_id:
            return None
        message.body = body
        message.edited = True
        await self._session.commit()
        return message
