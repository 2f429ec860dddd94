import asyncio
import logging
import uuid

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from mailroom.deps import Container, container
from mailroom.repositories import events as events_repo
from mailroom.services.tracking import PIXEL_GIF, read_token
from mailroom.utils.signing import BadSignature

log = logging.getLogger(__name__)
router = APIRouter(tags=["tracking"])

NO_CACHE = {"cache-control": "no-store, max-age=0"}


def _client_ip(request: Request) -> str | None:
    fwd = request.headers.get("x-forwarded-for")
    if fwd:
        return fwd.split(",")[0].strip()
    return request.client.host if request.client else None


@router.get("/o/{token}.gif")
async def open_pixel(token: str, request: Request, c: Container = Depends(container)):
    try:
        data = read_token(token)
    except BadSignature:
        return Response(PIXEL_GIF, media_type="image/gif", headers=NO_CACHE)
    ip = _client_ip(request)
    try:
        origin = await c.geo.country(ip)
    except (httpx.HTTPError, ValueError):
        origin = None
    c.event_buffer.offer(
        (uuid.UUID(data["t"]), data["c"], data["m"], "open", None, request.headers.get("user-agent"), ip, origin)
    )
    return Response(PIXEL_GIF, media_type="image/gif", headers=NO_CACHE)


@router.get("/c/{token}")
async def click(token: str, request: Request, c: Container = Depends(container)):
    try:
        data = read_token(token)
    except BadSignature:
        return Response("link expired or invalid", status_code=404)
    target = data.get("u")
    if not target or not target.startswith(("http://", "https://")):
        return Response("bad link", status_code=400)
    ip = _client_ip(request)
    country = await c.geo.country(ip)
    asyncio.create_task(
        events_repo.record_event(
            uuid.UUID(data["t"]), data["c"], data["m"], "click",
            url=target, user_agent=request.headers.get("user-agent"), ip=ip, country=country,
        )
    )
    return RedirectResponse(target, status_code=302, headers=NO_CACHE)
