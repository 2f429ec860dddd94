from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from typing import Any

import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.integrations import JiraClient, SlackClient
from ..db.models import WebhookSubscription
from ..errors import Conflict
from ..logging_setup import get_logger
from ..repositories.webhooks import WebhookRepository
from ..utils.jsonutil import dumps

logger = get_logger(__name__)

MAX_CONSECUTIVE_FAILURES = 10


class WebhookDispatcher:
    """Queues outbound events on a capped redis stream for the webhook worker."""

    def __init__(self, client: redis.Redis, stream: str) -> None:
        self._redis = client
        self._stream = stream

    async def enqueue(self, event: dict[str, Any]) -> None:
        await self._redis.xadd(self._stream, {"event": dumps(event)}, maxlen=200_000, approximate=True)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return mac.hexdigest()


class WebhookService:
    def __init__(self, session: AsyncSession, http: httpx.AsyncClient) -> None:
        self._repo = WebhookRepository(session)
        self._http = http

    async def subscribe(self, project_id: uuid.UUID, kind: str, url: str, events: list[str]) -> WebhookSubscription:
        existing = await self._repo.find_by_url(project_id, url)
        if existing is not None:
            raise Conflict("a subscription for this url already exists")
        subscription = WebhookSubscription(
            project_id=project_id, kind=kind, url=url, secret=uuid.uuid4().hex, events=events
        )
        return await self._repo.insert(subscription)

    async def subscribers_for_org(self, org_id: uuid.UUID, event_type: str) -> list[WebhookSubscription]:
        subs = await self._repo.list_active_for_org(org_id)
        return [s for s in subs if not s.events or event_type in s.events]

    async def deliver(self, subscription: WebhookSubscription, event: dict[str, Any]) -> bool:
        body = dumps(event).encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "X-Flagyard-Signature": sign(subscription.secret, body, timestamp),
            "X-Flagyard-Timestamp": str(timestamp),
        }
        try:
            response = await self._http.post(subscription.url, content=body, headers=headers)
            response.raise_for_status()
        except httpx.HTTPError:
            failures = await self._repo.record_failure(subscription.id)
            if failures >= MAX_CONSECUTIVE_FAILURES:
                await self._repo.disable(subscription.id)
            return False
        if subscription.failure_count:
            await self._repo.reset_failures(subscription.id)
        logger.debug("webhook_delivered", subscription=str(subscription.id), status=response.status_code)
        return True


def _summary(event: dict[str, Any]) -> str:
    return f"[{event.get('action', 'change')}] {event.get('target', '')}"


class IntegrationNotifier:
    """Routes an event to the integration a subscription points at."""

    def __init__(self, slack: SlackClient, jira: JiraClient, webhooks: WebhookService) -> None:
        self._slack = slack
        self._jira = jira
        self._webhooks = webhooks

    async def notify(self, subscription: WebhookSubscription, event: dict[str, Any]) -> bool:
        if subscription.kind == "slack":
            return await self._slack.post_message(subscription.url, _summary(event))
        if subscription.kind == "jira":
            project_key = subscription.url.rsplit("/", 1)[-1]
            await self._jira.create_issue(project_key, _summary(event), str(event))
            return True
        return await self._webhooks.deliver(subscription, event)
