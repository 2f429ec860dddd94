"""Daily unread digests."""
from __future__ import annotations

import copy
import logging
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import DIGEST_BATCH_SIZE
from svc.repositories.channels import ChannelRepository
from svc.repositories.messages import MessageRepository
from svc.repositories.users import UserRepository
from svc.services.email import EmailClient, EmailRejected, OutgoingEmail
from svc.utils.text import render_lines

log = logging.getLogger(__name__)

_last_sent: dict[int, datetime] = {}


class DigestBuilder:
    def __init__(self, session: AsyncSession, email: EmailClient) -> None:
        self._channels = ChannelRepository(session)
        self._messages = MessageRepository(session)
        self._users = UserRepository(session)
        self._email = email

    async def run_for_workspace(self, workspace_id: int, workspace_name: str) -> int:
        now = datetime.now(timezone.utc)
        previous = _last_sent.get(workspace_id)
        if previous is not None and now - previous < timedelta(hours=20):
            return 0
        channels = await self._channels.list_for_workspace(workspace_id)
        base_context: dict[str, Any] = {
            "workspace": workspace_name,
            "channels": [{"id": c.id, "slug": c.slug, "topic": c.topic} for c in channels],
        }
        sent = 0
        after_id = 0
        while True:
            batch = await self._users.digest_recipients(workspace_id, after_id, DIGEST_BATCH_SIZE)
            if not batch:
                break
            after_id = batch[-1].id
            pending = list(batch)
            while pending:
                user = pending.pop(0)
                context = copy.deepcopy(base_context)
                unread: dict[str, int] = {}
                for channel in channels:
                    unread[channel.slug] = await self._messages.count_unread(channel.id, 0)
                lines = [f"#{slug}: {count} unread" for slug, count in unread.items() if count]
                if not lines:
                    continue
                email = OutgoingEmail(
                    to=user.email,
                    subject=f"Your {context['workspace']} digest",
                    html=render_lines(lines),
                    text="\n".join(lines),
                    tag="digest",
                )
                try:
                    await self._email.send(email)
                    sent += 1
                except EmailRejected as exc:
                    print(f"digest rejected for user {user.id}: {exc}")
        _last_sent[workspace_id] = now
        return sent
