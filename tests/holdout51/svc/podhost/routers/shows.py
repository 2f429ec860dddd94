"""Show management endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.deps import CurrentCreator, current_creator
from podhost.repositories.show_repo import ShowRepository
from podhost.services.show_service import ShowService, SlugTaken

router = APIRouter(prefix="/v1/shows", tags=["shows"])


class ShowIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    category: str = "Technology"
    private: bool = False


class ShowPatch(BaseModel):
    title: str | None = None
    description: str | None = None
    category: str | None = None
    explicit: bool | None = None
    artwork_url: str | None = None
    language: str | None = None


def _service(request: Request, session: AsyncSession) -> ShowService:
    return ShowService(session, request.app.state.services.feeds)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_show(
    body: ShowIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        show = await _service(request, session).create(
            creator.id, body.title, body.description, body.category, body.private
        )
    except SlugTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, f"slug {exc} already taken") from exc
    return {"id": show.id, "slug": show.slug}


@router.get("")
async def my_shows(
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await _service(request, session).dashboard(creator.id)


@router.get("/search")
async def search_shows(
    request: Request,
    q: str = Query(min_length=2, max_length=80),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await _service(request, session).directory_listing(q)


@router.get("/{slug}")
async def get_show(slug: str, session: AsyncSession = Depends(get_session)) -> dict:
    show = await ShowRepository(session).get_by_slug(slug)
    if show is None or show.is_private:
        return {"error": "show not found"}
    return {
        "id": show.id,
        "slug": show.slug,
        "title": show.title,
        "description": show.description,
        "category": show.category,
        "artwork_url": show.artwork_url,
    }


@router.patch("/{show_id}")
async def update_show(
    show_id: int,
    body: ShowPatch,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    show = await _service(request, session).update(show_id, creator.id, body.model_dump(exclude_unset=True))
    if show is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "show not found")
    return {"id": show.id, "updated": True}
