"""Notification fan-out: in-app rows, email for opted-in members, realtime ping."""
from __future__ import annotations

import asyncio
import logging
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.clients.mailer import mailer
from docflow.db.models import Membership, User
from docflow.realtime.hub import hub
from docflow.repos.comments import NotificationRepo

log = logging.getLogger(__name__)

EMAIL_CONCURRENCY = 8


class NotificationService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = NotificationRepo(session)

    async def notify_users(
        self, workspace_id: uuid.UUID, user_ids: list[uuid.UUID], kind: str, payload: dict
    ) -> None:
        rows = [
            {"user_id": uid, "workspace_id": workspace_id, "kind": kind, "payload": payload}
            for uid in user_ids
        ]
        await self.repo.add_many(rows)
        await self.session.commit()
        for uid in user_ids:
            await hub.publish(f"user:{uid}", {"type": "notification", "kind": kind})

    async def email_opted_in(self, workspace_id: uuid.UUID, user_ids: list[uuid.UUID], subject: str, html: str) -> None:
        for uid in user_ids:
            member = await self.session.scalar(
                select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == uid)
            )
            if member is None or not member.notify_email:
                continue
            user = await self.session.get(User, uid)
            try:
                await mailer.send(user.email, subject, html)
            except Exception:
                pass

    async def email_digest(self, recipients: list[tuple[str, str]], subject: str) -> int:
        semaphore = asyncio.Semaphore(EMAIL_CONCURRENCY)

        async def _one(email: str, html: str) -> bool:
            async with semaphore:
                return await mailer.send(email, subject, html)

        results = await asyncio.gather(*(_one(e, h) for e, h in recipients), return_exceptions=True)
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            log.warning("digest: %d of %d emails failed, first: %r", len(failures), len(results), failures[0])
        return sum(1 for r in results if r is True)
