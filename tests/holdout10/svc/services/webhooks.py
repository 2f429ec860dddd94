"""Customer webhooks: endpoint registration and event fan-out into the delivery table."""
from __future__ import annotations

import ipaddress
import secrets
import socket
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc import errors
from svc.repositories import webhooks as repo

_ALLOWED_SCHEMES = frozenset({"https"})


def _resolve(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def ensure_public_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in _ALLOWED_SCHEMES or not parts.hostname:
        raise errors.ValidationFailed("webhook URLs must use https")
    for address in _resolve(parts.hostname):
        ip = ipaddress.ip_address(address)
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            raise errors.ValidationFailed("webhook URL resolves to a non-public address")


class WebhookService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def register(self, account_id: UUID, url: str) -> tuple[UUID, str]:
        ensure_public_url(url)
        secret = secrets.token_hex(32)
        endpoint_id = await repo.upsert_endpoint(self._session, account_id, url, secret)
        if endpoint_id is None:
            raise errors.ConflictError("this URL is already registered")
        await self._session.commit()
        return endpoint_id, secret


class EventPublisher:
    """Writes one delivery row per active endpoint; the dispatcher sends them."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def emit(self, account_id: UUID, event_type: str, data: dict[str, Any]) -> int:
        async with self._session_factory() as session:
            endpoints = await repo.active_endpoints(session, account_id)
            if endpoints:
                repo.enqueue(session, endpoints, event_type, {"type": event_type, "data": data})
                await session.commit()
            return len(endpoints)
