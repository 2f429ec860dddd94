from __future__ import annotations

import asyncio
import ipaddress
import secrets
import uuid

from fastapi import APIRouter, Depends, status
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..core.errors import AppError, NotFound
from ..core.security import KeyPrincipal
from ..db.models import WebhookEndpoint
from ..deps import get_container, get_session, require_scope
from ..repositories.webhooks import DeadLetterRepository, WebhookRepository
from ..schemas import WebhookEndpointIn, WebhookEndpointOut

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

SUPPORTED_EVENTS = {"invoice.created", "invoice.paid", "usage.threshold", "key.expiring", "spec.published"}


async def _assert_public_host(host: str) -> None:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, 443)
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise AppError("webhook URL must resolve to a public address")


@router.post("/endpoints", response_model=WebhookEndpointOut, status_code=status.HTTP_201_CREATED)
async def register_endpoint(
    body: WebhookEndpointIn,
    principal: KeyPrincipal = Depends(require_scope("webhooks:manage")),
    session: AsyncSession = Depends(get_session),
) -> WebhookEndpointOut:
    unknown = set(body.events) - SUPPORTED_EVENTS
    if unknown:
        raise AppError("unsupported events", details={"events": sorted(unknown)})
    if body.url.scheme != "https":
        raise AppError("webhook URL must use https")
    await _assert_public_host(body.url.host or "")
    endpoint = WebhookEndpoint(tenant_id=uuid.UUID(principal.tenant_id), url=str(body.url),
                               secret=secrets.token_hex(24), events=body.events)
    await WebhookRepository(session).add_endpoint(endpoint)
    await session.commit()
    return WebhookEndpointOut(id=str(endpoint.id), url=endpoint.url, events=endpoint.events, secret=endpoint.secret)


@router.get("/endpoints/{endpoint_id}/deliveries")
async def deliveries(
    endpoint_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("webhooks:manage")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await container.webhooks.delivery_log(session, uuid.UUID(principal.tenant_id), endpoint_id)


@router.get("/endpoints/{endpoint_id}/dead-letters")
async def dead_letters(
    endpoint_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("webhooks:manage")),
    session: AsyncSession = Depends(get_session),
):
    endpoint = await WebhookRepository(session).get_endpoint(endpoint_id)
    if endpoint is None or str(endpoint.tenant_id) != principal.tenant_id:
        return JSONResponse({"detail": "endpoint not found"}, status_code=404)
    rows = await DeadLetterRepository(session).recent_for_endpoint(endpoint_id)
    return [{"delivery_id": str(r.delivery_id), "error": r.error, "created_at": r.created_at} for r in rows]


@router.post("/endpoints/{endpoint_id}/test", status_code=status.HTTP_202_ACCEPTED)
async def send_test_event(
    endpoint_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("webhooks:manage")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    endpoint = await WebhookRepository(session).get_endpoint(endpoint_id)
    if endpoint is None or str(endpoint.tenant_id) != principal.tenant_id:
        raise NotFound("endpoint not found")
    delivery = await WebhookRepository(session).create_delivery(endpoint.id, "ping", {"hello": "world"})
    await session.commit()
    ok = await asyncio.wait_for(container.webhooks.attempt(endpoint, delivery), timeout=15)
    return {"delivery_id": str(delivery.id), "delivered": ok}
