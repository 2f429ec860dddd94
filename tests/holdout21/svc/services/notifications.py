"""Member notifications: push first, email as the degraded path."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis

from svc.clients.messaging import EmailClient, PushClient
from svc.config import Settings
from svc.db.postgres import Database

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, settings: Settings, db: Database, push: PushClient, email: EmailClient) -> None:
        self._db = db
        self._push = push
        self._email = email
        self._fanout = asyncio.Semaphore(settings.push_fanout_concurrency)
        self._dedupe = Redis.from_url(settings.notify_redis_url, decode_responses=True)

    async def close(self) -> None:
        await self._dedupe.aclose()

    async def _contacts(self, member_ids: list[int]) -> dict[int, dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT m.id, m.email, array_remove(array_agg(d.token), NULL) AS tokens
                FROM members m LEFT JOIN push_devices d ON d.member_id = m.id
                WHERE m.id = ANY($1::bigint[])
                GROUP BY m.id, m.email
                """,
                member_ids,
            )
        contacts: dict[int, dict[str, Any]] = defaultdict(dict)
        for row in rows:
            contacts[row["id"]] = {"email": row["email"], "tokens": list(row["tokens"])}
        return contacts

    async def _deliver(self, contact: dict[str, Any], title: str, body: str, template: str) -> None:
        if await self._push.send(contact["tokens"], title, body):
            return
        await self.send_email(to=contact["email"], template=template, context={"title": title, "body": body})

    async def send_email(self, *, to: str, template: str, context: dict[str, Any]) -> None:
        try:
            await self._email.send_template(to, template, context)
        except Exception:
            logger.exception("email %s to %s failed", template, to)

    async def send_push(self, member_id: int, title: str, body: str, *, dedupe_key: str | None = None) -> None:
        if dedupe_key is not None:
            if not await self._dedupe.set(f"notify:{dedupe_key}", "1", nx=True, ex=3600):
                return
        contacts = await self._contacts([member_id])
        if member_id in contacts:
            await self._deliver(contacts[member_id], title, body, "generic_notice")

    async def notify_many(self, member_ids: list[int], title: str, body: str, template: str) -> None:
        contacts = await self._contacts(member_ids)

        async def one(contact: dict[str, Any]) -> None:
            async with self._fanout:
                await self._deliver(contact, title, body, template)

        await asyncio.gather(*(one(c) for c in contacts.values()))

    async def broadcast_gym_notice(self, gym_id: int, title: str, body: str) -> int:
        """Closure and schedule-change notices to every active member of a gym."""
        async with self._db.connection() as conn:
            ids = [r["id"] for r in await conn.fetch("SELECT id FROM members WHERE gym_id = $1 AND status = 'active'", gym_id)]
        contacts = await self._contacts(ids)
        await asyncio.gather(*(self._deliver(c, title, body, "gym_notice") for c in contacts.values()))
        return len(contacts)

    async def notify_promoted(self, member_id: int, class_title: str, hold_minutes: int) -> None:
        body = f"A spot opened in {class_title}. Confirm within {hold_minutes} minutes to keep it."
        await self.send_push(member_id, "You're off the waitlist", body, dedupe_key=f"promoted:{member_id}:{class_title}")
