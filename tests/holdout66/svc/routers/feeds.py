from __future__ import annotations

import logging
from typing import Annotated

import aiohttp
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse, StreamingResponse

from svc import deps
from svc.clients.ad_server import AdServerClient
from svc.errors import NotFound
from svc.repositories.episodes import EpisodeRepository
from svc.services.ad_insertion import AdInsertionService, stitch
from svc.services.analytics import AnalyticsIngestor, DownloadHit
from svc.services.feeds import FeedService
from svc.services.listeners import ListenerHub
from svc.utils.signing import quick_listener_key

log = logging.getLogger(__name__)
router = APIRouter(tags=["feeds"])


@router.get("/feeds/{slug}.xml")
async def get_feed(
    slug: str,
    request: Request,
    feeds: Annotated[FeedService, Depends(deps.feed_service)],
    token: str | None = None,
) -> Response:
    body, etag = await feeds.get_feed(slug, token)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(
        content=body,
        media_type="application/rss+xml",
        headers={"ETag": etag, "Cache-Control": "public, max-age=300"},
    )


@router.get("/e/{episode_id}.mp3")
async def download(
    episode_id: int,
    request: Request,
    session: deps.SessionDep,
    redis: deps.RedisDep,
    ads: Annotated[AdServerClient, Depends(deps.ad_server)],
    ingestor: Annotated[AnalyticsIngestor, Depends(deps.ingestor)],
    hub: Annotated[ListenerHub, Depends(deps.public_hub)],
) -> Response:
    repo = EpisodeRepository(session)
    episode = await repo.get(episode_id)
    if episode is None:
        raise NotFound(f"episode {episode_id}")
    asset = await repo.primary_asset(episode_id)
    if asset is None:
        raise NotFound(f"episode {episode_id} has no audio yet")

    ip = request.client.host if request.client else "0.0.0.0"
    user_agent = request.headers.get("user-agent", "")
    byte_range = request.headers.get("range", "")
    first_chunk = byte_range in ("", "bytes=0-", "bytes=0-1")
    if first_chunk:
        await ingestor.record(
            DownloadHit(episode_id, episode.show_id, ip, user_agent, bytes_served=asset.size_bytes)
        )
        await hub.listener_started(episode.show_id, quick_listener_key(ip, user_agent))

    service = AdInsertionService(session, redis, ads)
    plan = await service.plan(episode, asset.url, quick_listener_key(ip, user_agent), request.headers.get("cf-ipcountry"))
    if not plan.decisions:
        return RedirectResponse(asset.url, status_code=302)
    await service.record(plan)
    http: aiohttp.ClientSession = request.app.state.http
    body = await stitch(http, plan.segments)
    return StreamingResponse(iter([body]), media_type="audio/mpeg")
