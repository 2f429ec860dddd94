from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, HttpUrl
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep, integration_key_digest
from svc.container import Container
from svc.db.models import Webhook
from svc.errors import NotFound
from svc.repositories.audit import AuditRecord
from svc.repositories.webhooks import WebhookRepository
from svc.services.webhooks import invoke_slash_command

router = APIRouter(prefix="/integrations", tags=["integrations"])


class WebhookIn(BaseModel):
    url: HttpUrl
    channel_id: int | None = None
    events: list[str] = ["message.created"]


class SlashIn(BaseModel):
    channel_id: int
    command: str
    text: str = ""


@router.post("/webhooks", status_code=201)
async def create_webhook(body: WebhookIn, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                         user: CurrentUser = UserDep) -> dict[str, Any]:
    hook = Webhook(workspace_id=user.workspace_id, channel_id=body.channel_id, url=str(body.url),
                   secret=secrets.token_hex(32), events=body.events)
    await WebhookRepository(session).add(hook)
    await session.commit()
    await c.audit.append(AuditRecord(user.workspace_id, user.id, "webhook.create", f"webhook:{hook.id}"))
    return {"id": hook.id, "secret": hook.secret}


@router.post("/slash")
async def slash_command(body: SlashIn, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                        user: CurrentUser = UserDep) -> dict[str, Any]:
    hooks = await WebhookRepository(session).active_for_event(user.workspace_id, body.channel_id,
                                                              f"command.{body.command}")
    if not hooks:
        raise NotFound(f"no integration handles /{body.command}")
    hook = hooks[0]
    reply = await invoke_slash_command(hook.url, hook.secret, {"command": body.command, "text": body.text,
                                                               "user_id": user.id, "channel_id": body.channel_id})
    if reply and reply.get("text"):
        await c.hub.publish(body.channel_id, {"type": "ephemeral", "user_id": user.id, "text": reply["text"]})
    return {"ok": reply is not None}


@router.get("/whoami")
async def whoami(digest: str = Depends(integration_key_digest), session: AsyncSession = SessionDep) -> dict:
    hook_id = await session.scalar(select(Webhook.id).where(Webhook.secret == digest))
    if hook_id is None:
        raise NotFound("unknown key")
    return {"webhook_id": hook_id}
