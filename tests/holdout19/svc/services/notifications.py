from __future__ import annotations

import asyncio
import logging
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.push import PushGateway
from svc.db.models import AuditEvent
from svc.realtime import NotificationHub
from svc.repositories.accounts import UserRepository
from svc.repositories.records import NotificationRepository

logger = logging.getLogger(__name__)


def _format_amount(amount_minor: int, currency: str) -> str:
    return f"{amount_minor / 100:,.2f} {currency}"


class AuditLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, action: str, *, actor: UUID | None, subject: UUID | None) -> None:
        async with self._sessions() as session, session.begin():
            session.add(AuditEvent(action=action, actor_id=actor, subject_id=subject))


class NotificationService:
    """Persists in-app notifications, pushes them to open sockets and to the user's phone."""

    def __init__(
        self,
        repo: NotificationRepository,
        users: UserRepository,
        hub: NotificationHub,
        push: PushGateway,
    ) -> None:
        self._repo = repo
        self._users = users
        self._hub = hub
        self._push = push

    async def transfer_received(self, user_id: UUID, amount_minor: int, currency: str, transfer_id: UUID) -> None:
        payload = {"transfer_id": str(transfer_id), "amount_minor": amount_minor, "currency": currency}
        await self._repo.add(user_id, "transfer.received", payload)
        await self._hub.publish(user_id, "transfer.received", payload, priority="high")
        token = await self._users.push_token(user_id)
        if token:
            self._deliver_push(token, "Money received", f"You received {_format_amount(amount_minor, currency)}")

    async def transfer_sent(self, user_id: UUID, amount_minor: int, currency: str, transfer_id: UUID) -> None:
        payload = {"transfer_id": str(transfer_id), "amount_minor": amount_minor, "currency": currency}
        await self._repo.add(user_id, "transfer.sent", payload)
        await self._hub.publish(user_id, "transfer.sent", payload)
        token = await self._users.push_token(user_id)
        if token:
            body = f"You sent {_format_amount(amount_minor, currency)}"
            await asyncio.to_thread(self._push.send, token, "Transfer sent", body)

    async def card_event(self, user_id: UUID, kind: str, last4: str) -> None:
        payload = {"kind": kind, "last4": last4}
        await self._repo.add(user_id, f"card.{kind}", payload)
        await self._hub.publish(user_id, f"card.{kind}", payload)

    async def unread(self, user_id: UUID) -> list[dict[str, Any]]:
        rows = await self._repo.unread(user_id)
        return [
            {"id": str(n.id), "kind": n.kind, "payload": n.payload, "created_at": n.created_at.isoformat()}
            for n in rows
        ]

    def _deliver_push(self, token: str, title: str, body: str) -> None:
        if not self._push.send(token, title, body):
            logger.info("push token for notification %r was rejected", title)
