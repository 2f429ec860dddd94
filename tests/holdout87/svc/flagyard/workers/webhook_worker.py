"""Delivers audit events to customer webhooks and chat/issue-tracker integrations."""
from __future__ import annotations

import asyncio
import uuid

import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.integrations import JiraClient, SlackClient
from ..logging_setup import get_logger
from ..services.webhooks import IntegrationNotifier, WebhookService
from ..settings import Settings
from ..utils.jsonutil import loads

logger = get_logger(__name__)


class WebhookWorker:
    def __init__(
        self,
        client: redis.Redis,
        sessionmaker: async_sessionmaker[AsyncSession],
        http: httpx.AsyncClient,
        settings: Settings,
    ) -> None:
        self._redis = client
        self._sessionmaker = sessionmaker
        self._http = http
        self._stream = settings.webhook_stream
        self._slack = SlackClient(settings.slack_api_url, settings.slack_token)
        self._jira = JiraClient(settings.jira_base_url, settings.jira_token)
        self._last_id = "$"

    async def _fan_out(self, event: dict) -> int:
        sent = 0
        async with self._sessionmaker() as session:
            webhooks = WebhookService(session, self._http)
            notifier = IntegrationNotifier(self._slack, self._jira, webhooks)
            for subscription in await webhooks.subscribers_for_org(uuid.UUID(event["org_id"]), event["action"]):
                if await notifier.notify(subscription, event):
                    sent += 1
        return sent

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            batches = await self._redis.xread({self._stream: self._last_id}, count=100, block=5000)
            for _, entries in batches or ():
                for entry_id, fields in entries:
                    self._last_id = entry_id
                    sent = await self._fan_out(loads(fields["event"]))
                    logger.debug("webhook_event_processed", entry=entry_id, sent=sent)

    async def aclose(self) -> None:
        await self._slack.aclose()
        await self._jira.aclose()
