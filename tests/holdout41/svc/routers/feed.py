from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from svc.auth.deps import CurrentUser
from svc.config import get_settings
from svc.routers.deps import feed_service, search_service, trending_service
from svc.services.discovery import SearchService, TrendingService
from svc.services.feed import FeedService
from svc.utils.ratelimit import check_local


router = APIRouter(tags=["feed"])


@router.get("/feed")
async def home_feed(
    user: CurrentUser,
    cursor: str | None = None,
    limit: int = Query(30, ge=1, le=100),
    service: FeedService = Depends(feed_service),
) -> dict:
    return await service.home(user.id, cursor, limit)


@router.get("/trending")
async def trending(service: TrendingService = Depends(trending_service)) -> dict:
    return {"items": await service.current()}


@router.get("/trending/tags")
async def trending_tags(service: TrendingService = Depends(trending_service)) -> dict:
    return {"items": [{"tag": t, "score": s} for t, s in await service.top_tags()]}


def _post_summary(p) -> dict:
    return {"id": p.id, "author_id": p.author_id, "body": p.body[:280], "like_count": p.like_count}


@router.get("/search/posts")
async def search_posts(
    user: CurrentUser,
    q: str = Query(min_length=2, max_length=100),
    service: SearchService = Depends(search_service),
) -> dict:
    check_local(f"search:{user.id}", get_settings().rate_limit_search_per_minute)
    return {"items": [_post_summary(p) for p in await service.posts(q)]}


@router.get("/search/tags/{tag}")
async def search_tag(tag: str, user: CurrentUser, service: SearchService = Depends(search_service)) -> dict:
    return {"items": [_post_summary(p) for p in await service.hashtag(tag)]}


@router.get("/search/users")
async def search_users(
    user: CurrentUser,
    q: str = Query(min_length=1, max_length=32),
    service: SearchService = Depends(search_service),
) -> dict:
    return {"items": await service.users(q)}
