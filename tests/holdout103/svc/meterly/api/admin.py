from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import get_container, get_session
from ..repositories.webhooks import WebhookRepository
from ..schemas import DenylistChange

router = APIRouter(prefix="/internal", tags=["internal"])


async def require_admin_token(
    x_admin_token: str = Header(...),
    container: Container = Depends(get_container),
) -> None:
    expected = container.settings.admin_token
    if not expected or not hmac.compare_digest(x_admin_token, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin token required")


@router.post("/gateway-config/publish", dependencies=[Depends(require_admin_token)])
async def publish_config(container: Container = Depends(get_container)) -> dict:
    sent = await container.gateway_config.publish("manual")
    return {"nodes_notified": sent}


@router.post("/gateway-config/denylist", dependencies=[Depends(require_admin_token)])
async def add_to_denylist(body: DenylistChange, container: Container = Depends(get_container)) -> dict:
    await container.redis.sadd("gw:denylist", *body.hashed_keys)
    sent = await container.gateway_config.publish("denylist")
    return {"added": len(body.hashed_keys), "nodes_notified": sent}


@router.get("/webhooks/backlog", dependencies=[Depends(require_admin_token)])
async def webhook_backlog(session: AsyncSession = Depends(get_session)) -> dict:
    return {"retrying": await WebhookRepository(session).count_pending()}
