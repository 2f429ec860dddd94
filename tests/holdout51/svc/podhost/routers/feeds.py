"""Public and private RSS feeds."""
from __future__ import annotations

import hashlib

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.services.feed_service import FeedNotFound

router = APIRouter(tags=["feeds"])

_etags: dict[str, str] = {}

RSS_TYPE = "application/rss+xml; charset=utf-8"


@router.get("/feeds/{slug}.xml")
async def public_feed(
    slug: str,
    request: Request,
    if_none_match: str | None = Header(default=None),
    session: AsyncSession = Depends(get_session),
) -> Response:
    feeds = request.app.state.services.feeds
    try:
        xml = await feeds.public_feed(session, slug)
    except FeedNotFound:
        return PlainTextResponse("feed not found", status_code=404)
    etag = '"' + hashlib.md5(xml.encode(), usedforsecurity=False).hexdigest() + '"'
    previous = _etags.get(slug)
    _etags[slug] = etag
    if if_none_match and if_none_match == previous == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(content=xml, media_type=RSS_TYPE, headers={"ETag": etag, "Cache-Control": "public, max-age=300"})


@router.get("/private/{slug}/{subscriber}/{token}.xml")
async def private_feed(
    slug: str,
    subscriber: str,
    token: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
) -> Response:
    feeds = request.app.state.services.feeds
    try:
        xml = await feeds.private_feed(session, slug, subscriber, token)
    except FeedNotFound:
        return PlainTextResponse("feed not found", status_code=404)
    return Response(content=xml, media_type=RSS_TYPE, headers={"Cache-Control": "private, no-store"})
