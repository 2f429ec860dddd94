from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from ..config import TenantSettings
from ..deps import article_service, tenant
from ..services.tenants import public_settings
from ..services.articles import ArticleDraft, ArticleNotFound, ArticleService, SlugTaken
from ..utils.auth import Principal, require

router = APIRouter(prefix="/articles", tags=["articles"])


class DraftIn(BaseModel):
    title: str = Field(min_length=1, max_length=400)
    body: str = Field(default="", max_length=400_000)
    standfirst: str | None = None
    section: str | None = None
    note: str | None = None


@router.post("", status_code=201)
async def create_article(
    payload: DraftIn,
    pub: TenantSettings = Depends(tenant),
    user: Principal = Depends(require("writer")),
    service: ArticleService = Depends(article_service),
) -> dict:
    try:
        article = await service.create(pub.tenant_id, user.user_id, ArticleDraft(**payload.model_dump()))
    except SlugTaken as exc:
        raise HTTPException(409, f"slug {exc} already used") from exc
    return {"id": article.id, "slug": article.slug}


@router.put("/{article_id}")
async def save_article(
    article_id: int,
    payload: DraftIn,
    user: Principal = Depends(require("writer")),
    service: ArticleService = Depends(article_service),
) -> dict:
    try:
        article = await service.save_revision(article_id, user.user_id, ArticleDraft(**payload.model_dump()))
    except ArticleNotFound:
        raise HTTPException(404, "article not found") from None
    return {"id": article.id, "revision": article.current_revision}


@router.get("/desk")
async def desk_list(
    status: str | None = None,
    limit: int = Query(50, le=200),
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("writer")),
    service: ArticleService = Depends(article_service),
) -> list[dict]:
    return await service.list_for_desk(pub.tenant_id, status, limit)


@router.get("/public")
async def public_list(
    limit: int = Query(20, le=50),
    offset: int = Query(0, ge=0),
    pub: TenantSettings = Depends(tenant),
    service: ArticleService = Depends(article_service),
) -> list[dict]:
    return await service.list_public(pub.tenant_id, limit=limit, offset=offset)


@router.get("/public-config")
async def public_config(pub: TenantSettings = Depends(tenant)) -> dict:
    return public_settings(pub.tenant_id)


@router.get("/public/{slug}")
async def public_article(
    slug: str,
    request: Request,
    response: Response,
    pub: TenantSettings = Depends(tenant),
    service: ArticleService = Depends(article_service),
) -> dict:
    try:
        payload = await service.public_article(pub.tenant_id, slug)
    except ArticleNotFound:
        raise HTTPException(404, "not found") from None
    await service.cache.bump_views(pub.tenant_id, payload["id"])
    response.headers["cache-control"] = "public, max-age=60, stale-while-revalidate=300"
    return payload


@router.get("/{article_id}/diff")
async def diff_revisions(
    article_id: int,
    a: int,
    b: int,
    _: Principal = Depends(require("writer")),
    service: ArticleService = Depends(article_service),
) -> Response:
    try:
        text = await service.diff(article_id, a, b)
    except ArticleNotFound:
        raise HTTPException(404, "revision not found") from None
    return Response(text, media_type="text/x-diff")


@router.delete("/{article_id}/publication", status_code=204)
async def unpublish(
    article_id: int,
    _: Principal = Depends(require("editor")),
    service: ArticleService = Depends(article_service),
) -> None:
    try:
        await service.unpublish(article_id)
    except ArticleNotFound:
        raise HTTPException(404, "article not found") from None
