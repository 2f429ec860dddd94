from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass
from typing import Any

import aiohttp

from pricewatch.clients.email_provider import EmailClient, EmailDeliveryError
from pricewatch.clients.push_provider import PushClient, PushError
from pricewatch.db.models import User
from pricewatch.utils.resilience import CircuitOpenError
from pricewatch.utils.observability import ALERTS_FIRED, NOTIFY_FAILURES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    body: str
    url: str
    channel: str = "email"


def render_email(message: Message) -> str:
    return (
        f"<p>{html.escape(message.body)}</p>"
        f'<p><a href="{html.escape(message.url)}">View the deal</a></p>'
        '<p style="color:#888">You get this because you set a price alert on PriceWatch.</p>'
    )


class NotificationService:
    def __init__(
        self, email: EmailClient, push: PushClient, max_background: int = 100, max_pending: int = 2000
    ) -> None:
        self._email = email
        self._push = push
        self._background: set[asyncio.Task] = set()
        self._slots = asyncio.Semaphore(max_background)
        self._max_pending = max_pending

    async def send(self, user: User, message: Message) -> bool:
        if message.channel == "webhook" and user.webhook_url:
            await self.post_webhook(
                user.webhook_url,
                {"event": "price_alert", "subject": message.subject, "body": message.body, "url": message.url},
            )
            return True
        if message.channel == "push" and user.push_token:
            try:
                await self._push.send(user.push_token, message.subject, message.body, {"url": message.url})
                ALERTS_FIRED.labels("push").inc()
                return True
            except PushError as exc:
                NOTIFY_FAILURES.labels("push").inc()
                log.warning("push to user %s failed (%s); falling back to email", user.id, exc)
        try:
            await self._email.send(user.email, message.subject, render_email(message))
        except (EmailDeliveryError, CircuitOpenError) as exc:
            NOTIFY_FAILURES.labels("email").inc()
            log.error("email to user %s failed: %s", user.id, exc)
            return False
        ALERTS_FIRED.labels("email").inc()
        return True

    async def fan_out(self, users: Iterable[User], message: Message) -> int:
        results = await asyncio.gather(*(self.send(u, message) for u in users), return_exceptions=True)
        return sum(1 for r in results if r is True)

    def schedule(self, coro: Coroutine[Any, Any, Any]) -> bool:
        """Run a notification in the background without blocking the caller; False if shed."""
        if len(self._background) >= self._max_pending:
            log.warning("background backlog full (%d); shedding work", len(self._background))
            coro.close()
            return False
        task = asyncio.create_task(self._guarded(coro))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return True

    async def _guarded(self, coro: Coroutine[Any, Any, Any]) -> None:
        async with self._slots:
            try:
                await coro
            except Exception:
                log.exception("background notification failed")

    async def post_webhook(self, url: str, payload: dict) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            try:
                async with session.post(url, json=payload) as resp:
                    resp.raise_for_status()
            except aiohttp.ClientError:
                pass

    async def drain(self) -> None:
        if self._background:
            await asyncio.wait(self._background, timeout=10)
