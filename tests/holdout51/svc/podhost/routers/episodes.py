"""Episode endpoints."""
from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.deps import CurrentCreator, current_creator
from podhost.repositories.show_repo import ShowRepository
from podhost.services.episode_service import EpisodeNotFound, EpisodeService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["episodes"])


class EpisodeIn(BaseModel):
    title: str
    slug: str
    summary: str = ""


class PublishIn(BaseModel):
    at: datetime | None = None


class ChaptersIn(BaseModel):
    chapters: list[tuple[int, str]]


def _service(request: Request, session: AsyncSession) -> EpisodeService:
    svc = request.app.state.services
    return EpisodeService(session, svc.redis, svc.feeds, svc.notifier)


async def _owned_show(session: AsyncSession, show_id: int, creator: CurrentCreator) -> None:
    show = await ShowRepository(session).get(show_id)
    if show is None or show.creator_id != creator.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "show not found")


@router.post("/shows/{show_id}/episodes", status_code=status.HTTP_201_CREATED)
async def create_episode(
    show_id: int,
    body: EpisodeIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await _owned_show(session, show_id, creator)
    try:
        episode = await _service(request, session).create_draft(show_id, body.title, body.slug, body.summary)
    except Exception:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid episode")
    return {"id": episode.id, "guid": episode.guid}


@router.post("/episodes/{episode_id}/publish")
async def publish_episode(
    episode_id: int,
    body: PublishIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    service = _service(request, session)
    try:
        episode = await service.get(episode_id)
        await _owned_show(session, episode.show_id, creator)
        episode = await service.publish(episode_id, body.at)
    except EpisodeNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "episode not found") from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": episode.id, "status": episode.status.value}


@router.put("/episodes/{episode_id}/chapters")
async def put_chapters(
    episode_id: int,
    body: ChaptersIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    service = _service(request, session)
    episode = await service.get(episode_id)
    await _owned_show(session, episode.show_id, creator)
    try:
        await service.set_chapters(episode_id, body.chapters)
    except SQLAlchemyError as exc:
        log.exception("could not save chapters for episode %s", episode_id)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "try again") from exc
    return {"chapters": len(body.chapters)}


@router.get("/shows/{show_id}/chapters.json")
async def chapters_export(
    show_id: int,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await _owned_show(session, show_id, creator)
    return await _service(request, session).export_chapters(show_id)


@router.get("/episodes/by-guid/{guid}")
async def by_guid(guid: str, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        episode = await _service(request, session).resolve_guid(guid)
    except EpisodeNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "episode not found") from exc
    return {"id": episode.id, "show_id": episode.show_id, "title": episode.title}


@router.delete("/episodes/{episode_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_episode(
    episode_id: int,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> None:
    service = _service(request, session)
    episode = await service.get(episode_id)
    await _owned_show(session, episode.show_id, creator)
    await service.delete(episode_id)
