from __future__ import annotations

from fastapi import APIRouter, Depends, status
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, EmailStr
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.api.deps import get_session, get_status_page_service, get_subscriber_service, public_rate_limit
from pulsewatch.errors import NotFound
from pulsewatch.repositories.status_pages import StatusPageRepository
from pulsewatch.services.status_pages import StatusPageService
from pulsewatch.services.subscribers import SubscriberService

router = APIRouter(prefix="/public", tags=["public"])


class SubscribeIn(BaseModel):
    email: EmailStr


@router.get("/pages/{slug}", dependencies=[Depends(public_rate_limit)])
async def public_page(slug: str, service: StatusPageService = Depends(get_status_page_service)) -> dict:
    return await service.public_view(slug)


@router.get("/pages/{slug}/badge.svg")
async def status_badge(slug: str, service: StatusPageService = Depends(get_status_page_service)) -> Response:
    svg = await service.badge(slug)
    return Response(content=svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=60"})


@router.get("/domains/{domain}")
async def resolve_domain(domain: str, session: AsyncSession = Depends(get_session)) -> dict:
    page = await StatusPageRepository(session).get_by_domain(domain)
    if page is None or not page.is_public:
        raise NotFound("no status page for this domain")
    return {"slug": page.slug}


@router.post("/pages/{slug}/subscribers", status_code=status.HTTP_202_ACCEPTED, dependencies=[Depends(public_rate_limit)])
async def subscribe(
    slug: str,
    body: SubscribeIn,
    session: AsyncSession = Depends(get_session),
    subscribers: SubscriberService = Depends(get_subscriber_service),
) -> dict:
    page = await StatusPageRepository(session).get_by_slug(slug)
    return await subscribers.subscribe(page.id, page.title, body.email)


@router.get("/subscriptions/confirm/{token}", response_class=HTMLResponse)
async def confirm_subscription(token: str, subscribers: SubscriberService = Depends(get_subscriber_service)) -> str:
    if not await subscribers.confirm(token):
        raise NotFound("confirmation link is invalid")
    return "<html><body><p>Your subscription is confirmed.</p></body></html>"


@router.get("/subscriptions/unsubscribe/{token}", response_class=HTMLResponse)
async def unsubscribe(token: str, subscribers: SubscriberService = Depends(get_subscriber_service)) -> str:
    await subscribers.unsubscribe(token)
    return "<html><body><p>You have been unsubscribed.</p></body></html>"
