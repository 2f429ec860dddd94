from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import webhook_service
from svc.repositories.misc import RepoRepository
from svc.services.webhook_service import WebhookService
from svc.utils.metrics import WEBHOOKS_RECEIVED
from svc.utils.common import verify_signature

router = APIRouter(prefix="/hooks", tags=["webhooks"])
logger = logging.getLogger(__name__)

SUPPORTED_EVENTS = frozenset({"push", "pull_request", "ping"})


@router.post("/githost", status_code=202)
async def receive_githost_event(
    request: Request,
    x_event: str = Header(..., alias="X-Githost-Event"),
    x_delivery: str = Header(..., alias="X-Githost-Delivery"),
    x_signature: str | None = Header(None, alias="X-Hub-Signature-256"),
    session: AsyncSession = Depends(get_session),
    service: WebhookService = Depends(webhook_service),
) -> dict[str, object]:
    if x_event not in SUPPORTED_EVENTS:
        logger.warning("ignoring unsupported webhook event %s (delivery %s)", x_event, x_delivery)
        raise HTTPException(status_code=400, detail=f"unsupported event {x_event}")
    WEBHOOKS_RECEIVED.labels(event=x_event).inc()

    body = await request.body()
    try:
        payload = json.loads(body)
        repo = await RepoRepository(session).by_full_name(payload["repository"]["full_name"])
        valid = repo is not None and verify_signature(repo.webhook_secret, body, x_signature)
    except Exception:
        valid = False
    if not valid:
        raise HTTPException(status_code=401, detail="invalid signature")

    if x_event == "ping":
        return {"ok": True}
    if service.already_processed(x_delivery):
        return {"ok": True, "duplicate": True}

    build = await service.handle(session, repo, x_event, payload)
    return {"ok": True, "build_id": build.id if build else None}
