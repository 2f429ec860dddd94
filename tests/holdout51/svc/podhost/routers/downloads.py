"""Media download redirect: counts the download, inserts ads, redirects to the CDN."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.db.models import EpisodeStatus
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.utils.dedupe import DownloadEvent, classify
from podhost.utils.ratelimit import SlidingWindowLimiter

log = logging.getLogger(__name__)
router = APIRouter(tags=["downloads"])

_limiter = SlidingWindowLimiter(limit=120, window=60.0)


def _client_ip(request: Request) -> str:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "0.0.0.0"


def _byte_start(range_header: str | None) -> int:
    if not range_header or not range_header.startswith("bytes="):
        return 0
    try:
        return int(range_header[6:].split("-", 1)[0] or 0)
    except ValueError:
        return 0


@router.get("/e/{episode_id}/{filename}")
async def download(
    episode_id: int,
    filename: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
):
    ip = _client_ip(request)
    if not _limiter.allow(ip):
        return PlainTextResponse("slow down", status_code=429)
    services = request.app.state.services
    episode = await EpisodeRepository(session).get(episode_id)
    if episode is None or episode.status != EpisodeStatus.published or not episode.audio_key:
        return PlainTextResponse("not found", status_code=404)
    user_agent = request.headers.get("user-agent", "")
    app_name, bot = classify(user_agent)
    event = DownloadEvent(
        episode_id=episode.id,
        show_id=episode.show_id,
        ip=ip,
        user_agent=user_agent,
        byte_start=_byte_start(request.headers.get("range")),
        bytes_served=episode.audio_bytes or 0,
        at=datetime.now(timezone.utc),
        app_name=app_name,
    )
    if not bot:
        services.ingest.submit(event)
    plan = await services.ads.plan_for(episode, event)
    if plan.stitched:
        target = services.storage.presign(plan.cache_key())
    else:
        target = services.storage.public_url(episode.audio_key)
    return RedirectResponse(target, status_code=302)
