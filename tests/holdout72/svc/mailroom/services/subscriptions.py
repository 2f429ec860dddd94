from __future__ import annotations

import logging
import time
import uuid
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.config import get_settings
from mailroom.db.models import Subscriber, SubscriberStatus
from mailroom.repositories import suppressions
from mailroom.repositories.subscribers import SubscriberRepository
from mailroom.utils.signing import BadSignature, sign, unsign

logger = logging.getLogger("mailroom.subscriptions")


class AlreadySubscribed(Exception):
    pass


class SuppressedAddress(Exception):
    pass


async def subscribe(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    list_id: int,
    email: str,
    first_name: str | None = None,
    last_name: str | None = None,
    attributes: dict | None = None,
) -> Subscriber:
    email = email.strip().lower()
    repo = SubscriberRepository(session)
    if await suppressions.is_suppressed(session, tenant_id, email):
        raise SuppressedAddress(email)
    existing = await repo.get_by_email(list_id, email)
    if existing is not None:
        if existing.status == SubscriberStatus.unsubscribed:
            existing.status = SubscriberStatus.active
            await session.commit()
            return existing
        raise AlreadySubscribed(email)
    sub = await repo.add(
        list_id=list_id,
        tenant_id=tenant_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        attributes=attributes or {},
    )
    await session.commit()
    logger.info("subscribed list=%s subscriber=%s", list_id, sub.id)
    return sub


async def unsubscribe_everywhere(session: AsyncSession, tenant_id: uuid.UUID, email: str, reason: str) -> int:
    repo = SubscriberRepository(session)
    changed = await repo.set_status_by_email(tenant_id, email.lower(), SubscriberStatus.unsubscribed)
    await suppressions.add(session, tenant_id, email, reason)
    await session.commit()
    return changed


TOKEN_TTL = 180 * 24 * 3600


class InvalidUnsubscribeToken(Exception):
    pass


def unsubscribe_token(tenant_id: uuid.UUID, list_id: int, email: str) -> str:
    payload = {"t": str(tenant_id), "l": list_id, "e": email, "x": int(time.time()) + TOKEN_TTL}
    return sign(payload, get_settings().unsubscribe_secret, "unsub")


def unsubscribe_url(tenant_id: uuid.UUID, list_id: int, email: str) -> str:
    return f"{get_settings().tracking_base_url}/u/{quote(unsubscribe_token(tenant_id, list_id, email))}"


def parse_token(token: str) -> dict:
    try:
        data = unsign(token, get_settings().unsubscribe_secret, "unsub")
    except BadSignature as exc:
        raise InvalidUnsubscribeToken(str(exc)) from exc
    if data.get("x", 0) < time.time():
        raise InvalidUnsubscribeToken("expired")
    return data
