from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy import select

from svc import deps
from svc.db.engine import reporting_session
from svc.db.models import Episode, Show
from svc.repositories import analytics as analytics_repo
from svc.repositories.episodes import EpisodeRepository
from svc.repositories.shows import ShowRepository
from svc.services.analytics import AnalyticsQueries

router = APIRouter(prefix="/analytics", tags=["analytics"])

QueriesDep = Annotated[AnalyticsQueries, Depends(deps.analytics_queries)]


async def _owned_episode_ids(session, creator_id: int, show_id: int) -> list[int]:
    show = await ShowRepository(session).get(show_id)
    if show is None or show.creator_id != creator_id:
        raise HTTPException(status_code=404, detail="show not found")
    episodes = await EpisodeRepository(session).list_for_show(show_id, limit=200)
    return [ep.id for ep in episodes]


@router.get("/shows/{show_id}/episodes")
async def episode_table(show_id: int, session: deps.SessionDep, creator: deps.CreatorDep, queries: QueriesDep) -> list[dict]:
    ids = await _owned_episode_ids(session, creator.id, show_id)
    return await queries.episode_table(ids)


@router.get("/shows/{show_id}/overview")
async def show_overview(show_id: int, session: deps.SessionDep, creator: deps.CreatorDep, queries: QueriesDep) -> dict:
    ids = await _owned_episode_ids(session, creator.id, show_id)
    totals = await queries.show_overview(ids)
    return {"episodes": len(ids), "downloads": sum(totals.values()), "by_episode": totals}


@router.get("/shows/{show_id}/today")
async def show_today(show_id: int, session: deps.SessionDep, creator: deps.CreatorDep) -> dict:
    await _owned_episode_ids(session, creator.id, show_id)
    today = dt.datetime.now(dt.timezone.utc).date()
    return {"day": today.isoformat(), "downloads": await analytics_repo.downloads_on_day(show_id, today)}


@router.get("/episodes/{episode_id}/audience")
async def audience(episode_id: int, session: deps.SessionDep, creator: deps.CreatorDep, queries: QueriesDep) -> dict:
    episode = await EpisodeRepository(session).get(episode_id)
    if episode is None:
        raise HTTPException(status_code=404, detail="episode not found")
    await _owned_episode_ids(session, creator.id, episode.show_id)
    result = await queries.audience(episode_id)
    result["completion_rate"] = await queries.completion_rate(episode_id, episode.duration_seconds)
    return result


@router.get("/shows/{show_id}/export.csv")
async def export_csv(show_id: int, creator: deps.CreatorDep) -> StreamingResponse:
    session = reporting_session()
    async with session:
        show = await session.get(Show, show_id)
        if show is None or show.creator_id != creator.id:
            raise HTTPException(status_code=404, detail="show not found")
        result = await session.execute(select(Episode.id, Episode.title).where(Episode.show_id == show_id))
        titles = dict(result.all())
    end = dt.datetime.now(dt.timezone.utc)
    rows = await analytics_repo.show_events_between(show_id, end - dt.timedelta(days=90), end)
    per_episode: dict[int, set[str]] = {}
    downloads: dict[int, int] = {}
    for r in rows:
        per_episode.setdefault(r["episode_id"], set()).add(r["listener_key"])
        downloads[r["episode_id"]] = downloads.get(r["episode_id"], 0) + 1
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["episode_id", "title", "downloads_90d", "unique_listeners_90d"])
    for episode_id, title in titles.items():
        writer.writerow([episode_id, title, downloads.get(episode_id, 0), len(per_episode.get(episode_id, ()))])
    buf.seek(0)
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv")
