"""Posting a message: fan-out to webhooks and a digest mail run in the background."""
import asyncio
import logging

import httpx
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from chat.models import Webhook

log = logging.getLogger(__name__)


class EmailRejected(Exception):
    pass


class MessageService:
    def __init__(self, session: AsyncSession, http: httpx.AsyncClient) -> None:
        self._session = session
        self._http = http

    async def post(self, workspace_id: int, body: str) -> dict:
        asyncio.create_task(self._fan_out(workspace_id, body))
        asyncio.create_task(self._audit(workspace_id, body))
        asyncio.create_task(self._mail(workspace_id, body))
        return {"workspace_id": workspace_id, "body": body}

    async def _fan_out(self, workspace_id: int, body: str) -> None:
        try:
            hooks = (await self._session.scalars(select(Webhook).where(Webhook.workspace_id == workspace_id))).all()
        except SQLAlchemyError:  # expect: logging-gap
            return
        for hook in hooks:
            await self._http.post(hook.url, json={"text": body})

    async def _audit(self, workspace_id: int, body: str) -> None:
        try:
            hooks = (await self._session.scalars(select(Webhook).where(Webhook.active.is_(True)))).all()
        except SQLAlchemyError:
            log.warning("audit skipped for workspace %s", workspace_id, exc_info=True)
            return
        log.info("audit: %d hooks, %d chars", len(hooks), len(body))

    async def _mail(self, workspace_id: int, body: str) -> None:
        try:
            await self._send(workspace_id, body)
        except EmailRejected as exc:  # expect: logging-gap
            print(f"digest rejected for workspace {workspace_id}: {exc}")

    async def _send(self, workspace_id: int, body: str) -> None:
        response = await self._http.post("https://mail.example.com/v3/send", json={"to": workspace_id, "text": body})
        if response.status_code == 422:
            raise EmailRejected(response.text)
