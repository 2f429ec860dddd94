from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from svc import deps
from svc.services.feeds import FeedService
from svc.services.shows import ShowService
from svc.utils.ratelimit import RedisRateLimiter

router = APIRouter(tags=["shows"])


class ShowIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    category: str = "Technology"


class ShowPatch(BaseModel):
    title: str | None = None
    description: str | None = None
    category: str | None = None
    explicit: bool | None = None
    artwork_url: str | None = None
    language: str | None = None


def show_service(
    session: deps.SessionDep,
    feeds: Annotated[FeedService, Depends(deps.feed_service)],
) -> ShowService:
    return ShowService(session, feeds, deps.webhook_service(), deps.analytics_queries())


ServiceDep = Annotated[ShowService, Depends(show_service)]


@router.post("/shows", status_code=201)
async def create_show(body: ShowIn, creator: deps.CreatorDep, service: ServiceDep) -> dict:
    show = await service.create(creator, body.title, body.description, body.category)
    return {"id": show.id, "slug": show.slug}


@router.patch("/shows/{show_id}")
async def update_show(show_id: int, body: ShowPatch, creator: deps.CreatorDep, service: ServiceDep) -> dict:
    show = await service.update(creator, show_id, **body.model_dump(exclude_unset=True))
    return {"id": show.id, "slug": show.slug, "title": show.title}


@router.post("/shows/{slug}/private-token")
async def rotate_token(slug: str, creator: deps.CreatorDep, service: ServiceDep) -> dict:
    return {"token": await service.rotate_private_token(creator, slug)}


@router.get("/studio/shows/{show_id}/episodes")
async def studio_episodes(
    show_id: int, creator: deps.CreatorDep, service: ServiceDep, offset: Annotated[int, Query(ge=0)] = 0
) -> list[dict]:
    return await service.studio_episodes(creator, show_id, offset)


@router.get("/p/{slug}")
async def public_page(slug: str, service: ServiceDep) -> dict:
    return await service.public_page(slug)


@router.get("/search")
async def search(
    q: Annotated[str, Query(min_length=2, max_length=80)],
    request: Request,
    redis: deps.RedisDep,
    service: ServiceDep,
) -> list[dict]:
    client_ip = request.client.host if request.client else "unknown"
    if not await RedisRateLimiter(redis, limit=60).allow(f"search:{client_ip}"):
        raise HTTPException(status_code=429, detail="too many searches")
    return await service.search(q)
