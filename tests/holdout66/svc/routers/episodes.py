from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from svc import deps
from svc.config import settings
from svc.errors import NotFound
from svc.repositories.episodes import EpisodeRepository
from svc.services.episodes import EpisodeService
from svc.services.feeds import FeedService
from svc.utils.audio import waveform_peaks

router = APIRouter(prefix="/shows/{show_id}/episodes", tags=["episodes"])


class EpisodeIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    summary: str = ""


class EpisodePatch(BaseModel):
    title: str | None = None
    summary: str | None = None
    ad_slots: str | None = None


class ScheduleIn(BaseModel):
    publish_at: dt.datetime


def episode_service(
    session: deps.SessionDep,
    feeds: Annotated[FeedService, Depends(deps.feed_service)],
) -> EpisodeService:
    return EpisodeService(session, feeds, deps.webhook_service())


ServiceDep = Annotated[EpisodeService, Depends(episode_service)]


def _out(ep) -> dict:
    return {
        "id": ep.id,
        "number": ep.number,
        "title": ep.title,
        "status": ep.status.value,
        "published_at": ep.published_at.isoformat() if ep.published_at else None,
    }


@router.post("", status_code=201)
async def create_episode(show_id: int, body: EpisodeIn, creator: deps.CreatorDep, service: ServiceDep) -> dict:
    episode = await service.create(creator.id, show_id, body.title, body.summary)
    return _out(episode)


@router.patch("/{episode_id}")
async def update_episode(
    show_id: int, episode_id: int, body: EpisodePatch, creator: deps.CreatorDep, service: ServiceDep
) -> dict:
    episode = await service.update(creator.id, episode_id, **body.model_dump(exclude_unset=True))
    return _out(episode)


@router.post("/{episode_id}/schedule")
async def schedule_episode(
    show_id: int, episode_id: int, body: ScheduleIn, creator: deps.CreatorDep, service: ServiceDep
) -> dict:
    return _out(await service.schedule(creator.id, episode_id, body.publish_at))


@router.post("/{episode_id}/publish")
async def publish_episode(show_id: int, episode_id: int, creator: deps.CreatorDep, service: ServiceDep) -> dict:
    return _out(await service.publish(creator.id, episode_id))


@router.delete("/{episode_id}", status_code=204)
async def archive_episode(show_id: int, episode_id: int, creator: deps.CreatorDep, service: ServiceDep) -> None:
    await service.archive(creator.id, episode_id)


@router.get("/{episode_id}/waveform")
async def waveform(show_id: int, episode_id: int, session: deps.SessionDep, creator: deps.CreatorDep) -> dict:
    episode = await EpisodeRepository(session).get(episode_id)
    if episode is None or episode.show_id != show_id:
        raise NotFound(f"episode {episode_id}")
    wav = Path(settings.upload_dir) / "previews" / f"{episode_id}.wav"
    peaks = waveform_peaks(str(wav))
    return {"episode_id": episode_id, "peaks": peaks}


@router.get("/{episode_id}/waveform/hires")
async def waveform_hires(show_id: int, episode_id: int, session: deps.SessionDep, creator: deps.CreatorDep) -> dict:
    episode = await EpisodeRepository(session).get(episode_id)
    if episode is None or episode.show_id != show_id:
        raise NotFound(f"episode {episode_id}")
    wav = Path(settings.upload_dir) / "previews" / f"{episode_id}.wav"
    peaks = await asyncio.to_thread(waveform_peaks, str(wav), 7200)
    return {"episode_id": episode_id, "peaks": peaks}
