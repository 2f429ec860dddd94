"""Upload, playback, discovery and moderation endpoints."""
import os
import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from svc import errors
from svc.api.deps import CurrentUser, current_user, moderator, optional_user, region_blocklist, state
from svc.config import Settings, get_settings
from svc.repositories import CommentRepository, VideoRepository
from svc.services.feed import FeedService
from svc.services.moderation import ModerationService
from svc.services.playback import ManifestService
from svc.services.uploads import UploadService
from svc.workers import TranscodeEventConsumer, ViewCountAggregator

router = APIRouter()


class StartUpload(BaseModel):
    title: str
    size: int


class CompleteUpload(BaseModel):
    sha256: str


@router.post("/uploads")
async def start_upload(
    body: StartUpload,
    user: CurrentUser = Depends(current_user),
    uploads: UploadService = Depends(state("uploads")),
) -> dict[str, str]:
    if not user.is_creator:
        raise HTTPException(status_code=403, detail="creator account required")
    return {"upload_id": await uploads.start(user.id, body.title, body.size)}


@router.put("/uploads/{upload_id}/chunks")
async def upload_chunk(
    upload_id: str,
    request: Request,
    user: CurrentUser = Depends(current_user),
    uploads: UploadService = Depends(state("uploads")),
) -> dict[str, int]:
    data = await request.body()
    return {"received": await uploads.append_chunk(upload_id, data)}


@router.post("/uploads/{upload_id}/complete")
async def complete_upload(
    upload_id: str,
    body: CompleteUpload,
    user: CurrentUser = Depends(current_user),
    uploads: UploadService = Depends(state("uploads")),
) -> dict[str, str]:
    video_id = await uploads.complete(upload_id, body.sha256)
    return {"video_id": str(video_id)}


@router.get("/videos/{video_id}/master.m3u8", response_class=PlainTextResponse)
async def master_playlist(
    video_id: uuid.UUID,
    request: Request,
    max_height: int = Query(2160, le=2160),
    user: CurrentUser | None = Depends(optional_user),
    blocked: frozenset[str] = Depends(region_blocklist),
    manifests: ManifestService = Depends(state("manifests")),
) -> str:
    if request.headers.get("cf-ipcountry", "") in blocked:
        raise HTTPException(status_code=451, detail="not available in your region")
    try:
        return await manifests.master_playlist(video_id, user.id if user else None, max_height)
    except errors.EntitlementMissing as exc:
        raise HTTPException(status_code=403, detail=exc.message) from exc


@router.get("/videos/{video_id}/captions/{lang}.vtt", response_class=PlainTextResponse)
def captions(video_id: uuid.UUID, lang: str, settings: Settings = Depends(get_settings)) -> str:
    path = os.path.join(settings.captions_dir, str(video_id), f"{lang}.vtt")
    if not os.path.isfile(path):
        raise HTTPException(status_code=404, detail="no captions")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@router.get("/videos/{video_id}/watch")
async def watch(video_id: uuid.UUID, feed: FeedService = Depends(state("feed"))) -> dict[str, Any]:
    return await feed.watch_page(video_id)


@router.post("/videos/{video_id}/views", status_code=202)
async def record_view(video_id: uuid.UUID, aggregator: ViewCountAggregator = Depends(state("aggregator"))) -> None:
    await aggregator.record_view(video_id)


@router.get("/feed")
async def home_feed(user: CurrentUser = Depends(current_user), feed: FeedService = Depends(state("feed"))) -> list[str]:
    candidates = await feed.home(user.id)
    return [str(v) for v in await feed.ranked_candidates(user.id, candidates)]


@router.get("/channels/{creator_id}/videos")
async def channel_videos(
    creator_id: uuid.UUID,
    before: datetime,
    videos: VideoRepository = Depends(state("videos")),
    feed: FeedService = Depends(state("feed")),
) -> list[dict[str, Any]]:
    rows = await videos.list_for_creator(creator_id, before)
    return await feed.channel_page(creator_id, rows)


@router.get("/videos/{video_id}/comments")
async def comments(
    video_id: uuid.UUID, page: int = Query(0, ge=0), repo: CommentRepository = Depends(state("comments"))
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.page(video_id, page)]


@router.post("/moderation/{item_id}/claim")
async def claim(
    item_id: int, user: CurrentUser = Depends(moderator), moderation: ModerationService = Depends(state("moderation"))
) -> dict[str, Any]:
    return await moderation.claim(item_id, user.id)


@router.post("/internal/transcoder/events", status_code=202)
async def transcoder_event(
    event: dict[str, Any], consumer: TranscodeEventConsumer = Depends(state("transcode_consumer"))
) -> None:
    await consumer.queue.put(event)
