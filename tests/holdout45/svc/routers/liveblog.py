from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..db.connections import pool
from ..repos.liveblog import LiveBlogRepository
from ..services.liveblog import LiveBlogService
from ..utils.auth import Principal, require

router = APIRouter(prefix="/live", tags=["live"])


class EntryIn(BaseModel):
    kind: str = Field(default="text", pattern="^(text|quote|embed|image)$")
    body: str = Field(min_length=1, max_length=20_000)


def live_service(request: Request) -> LiveBlogService:
    return LiveBlogService(LiveBlogRepository(pool()), request.app.state.reader_hub, request.app.state.redis)


@router.get("/articles/{article_id}")
async def blog_for_article(article_id: int, request: Request) -> dict:
    repo = LiveBlogRepository(pool())
    blog = await repo.blog_for_article(article_id)
    if blog is None:
        return {"error": "live blog not found"}
    entries = await repo.recent_entries(blog["id"])
    return {
        "id": blog["id"],
        "open": blog["is_open"],
        "viewers": request.app.state.reader_hub.viewers(blog["id"]),
        "entries": [e.as_dict() for e in entries],
    }


@router.post("/{blog_id}/entries", status_code=201)
async def post_entry(
    blog_id: int,
    payload: EntryIn,
    user: Principal = Depends(require("live")),
    service: LiveBlogService = Depends(live_service),
) -> dict:
    return await service.post(blog_id, user.user_id, payload.kind, payload.body)


@router.delete("/entries/{entry_id}", status_code=204)
async def delete_entry(
    entry_id: int,
    _: Principal = Depends(require("live")),
    service: LiveBlogService = Depends(live_service),
) -> None:
    await service.delete(entry_id)


@router.post("/{blog_id}/close", status_code=204)
async def close_blog(blog_id: int, _: Principal = Depends(require("editor"))) -> None:
    await LiveBlogRepository(pool()).close_blog(blog_id)
