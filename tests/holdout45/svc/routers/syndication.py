from __future__ import annotations

import hmac
import json

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response

from ..cache import ArticleCache, TTLCache
from ..db.connections import get_session, pool
from ..repos.articles import ArticleRepository
from ..repos.syndication import SyndicationRepository
from ..services.syndication import SyndicationService
from ..utils.auth import Principal, require
from ..utils.http import partner_rate_limit

router = APIRouter(prefix="/syndication", tags=["syndication"])


def syndication_service(request: Request) -> SyndicationService:
    settings = request.app.state.settings
    return SyndicationService(SyndicationRepository(pool()), ArticleCache(request.app.state.redis),
                              settings.media_base_url)


_partners = TTLCache(maxsize=512, ttl=60.0)


async def _partner(tenant_id: str, slug: str, api_key: str) -> dict:
    cache_key = f"{tenant_id}:{slug}"
    partner = _partners.get(cache_key)
    if partner is None:
        rows = await SyndicationRepository(pool()).partners_for(tenant_id)
        partner = next((dict(r) for r in rows if r["slug"] == slug), None)
        if partner is not None:
            _partners.set(cache_key, partner)
    if partner is None or not hmac.compare_digest(partner["api_key"], api_key):
        raise HTTPException(403, "unknown partner or key")
    return partner


@router.get("/{tenant_id}/{slug}/rss", dependencies=[Depends(partner_rate_limit)])
async def partner_rss(
    tenant_id: str,
    slug: str,
    x_api_key: str = Header(...),
    service: SyndicationService = Depends(syndication_service),
) -> Response:
    await _partner(tenant_id, slug, x_api_key)
    return Response(await service.feed(tenant_id, slug), media_type="application/rss+xml")


@router.get("/{tenant_id}/{slug}/json", dependencies=[Depends(partner_rate_limit)])
async def partner_json(
    tenant_id: str,
    slug: str,
    request: Request,
    x_api_key: str = Header(...),
    session=Depends(get_session),
) -> Response:
    await _partner(tenant_id, slug, x_api_key)
    redis = request.app.state.redis
    key = f"partner-json:{tenant_id}:{slug}"
    body = await redis.get(key)
    if body is None:
        articles = await ArticleRepository(session).list_with_images(tenant_id, 30)
        body = json.dumps(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "standfirst": a.standfirst,
                    "tags": [t.tag for t in a.tags],
                    "images": [i.storage_key for i in a.images],
                }
                for a in articles
            ]
        )
        await redis.set(key, body)
    return Response(body, media_type="application/json")


@router.get("/articles/{article_id}/deliveries")
async def deliveries(
    article_id: int,
    _: Principal = Depends(require("editor")),
    service: SyndicationService = Depends(syndication_service),
) -> list[dict]:
    return await service.delivery_status(article_id)
