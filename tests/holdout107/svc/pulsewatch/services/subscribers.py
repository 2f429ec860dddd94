from __future__ import annotations

import asyncio
import secrets
from typing import Optional
from uuid import UUID

import structlog
from email_validator import EmailNotValidError, validate_email

from pulsewatch.clients.email import EmailClient, EmailMessage
from pulsewatch.config import Settings
from pulsewatch.errors import CircuitOpen, DeliveryFailed, PulsewatchError
from pulsewatch.repositories.subscribers import SubscriberRepository

log = structlog.get_logger(__name__)

NOTIFY_CONCURRENCY = 20


class SubscriberService:
    def __init__(self, settings: Settings, repo: SubscriberRepository, email: EmailClient) -> None:
        self._settings = settings
        self._repo = repo
        self._email = email

    async def subscribe(self, page_id: UUID, page_title: str, raw_email: str) -> dict[str, str]:
        try:
            email = validate_email(raw_email, check_deliverability=False).normalized.lower()
        except EmailNotValidError as exc:
            raise PulsewatchError("invalid email address") from exc
        existing = await self._repo.get_by_email(page_id, email)
        if existing is not None:
            return {"status": "confirmed" if existing["confirmed"] else "pending"}
        confirm_token = secrets.token_urlsafe(24)
        await self._repo.insert(page_id, email, confirm_token, secrets.token_urlsafe(24))
        link = f"{self._settings.public_base_url}/subscriptions/confirm/{confirm_token}"
        await self._email.send(
            EmailMessage(
                to=email,
                subject=f"Confirm your subscription to {page_title}",
                text=f"Click to confirm status updates for {page_title}: {link}",
                tags=["subscriber-confirm"],
            )
        )
        return {"status": "pending"}

    async def confirm(self, token: str) -> bool:
        return await self._repo.confirm(token) is not None

    async def unsubscribe(self, token: str) -> bool:
        return await self._repo.unsubscribe(token)

    async def notify_page(self, page_id: UUID, subject: str, text: str) -> int:
        semaphore = asyncio.Semaphore(NOTIFY_CONCURRENCY)
        sent = 0

        async def _send(row) -> bool:
            link = f"{self._settings.public_base_url}/subscriptions/unsubscribe/{row['unsubscribe_token']}"
            async with semaphore:
                try:
                    await self._email.send(
                        EmailMessage(
                            to=row["email"],
                            subject=subject,
                            text=f"{text}\n\nUnsubscribe: {link}",
                            headers={"List-Unsubscribe": f"<{link}>"},
                            tags=["subscriber-notify"],
                        )
                    )
                    return True
                except (DeliveryFailed, CircuitOpen) as exc:
                    log.warning("subscriber.notify_failed", subscriber_id=str(row["id"]), error=exc.message)
                    return False

        after: Optional[UUID] = None
        while True:
            rows = await self._repo.confirmed_for_page(page_id, after_id=after, limit=500)
            if not rows:
                break
            results = await asyncio.gather(*(_send(row) for row in rows))
            sent += sum(results)
            after = rows[-1]["id"]
        return sent
