from __future__ import annotations

from aiohttp import web

from ..services.conferences import ConferenceService
from ..services.stats import StatsService
from .deps import container, db_session, require_chair

routes = web.RouteTableDef()


def _service(request: web.Request) -> ConferenceService:
    c = container(request)
    return ConferenceService(db_session(request), c.redis, c.payments)


@routes.get("/api/conferences/{slug}")
async def overview(request: web.Request) -> web.Response:
    return web.json_response(await _service(request).overview(request.match_info["slug"]))


@routes.get("/api/conferences/{conference_id:\\d+}/prices")
async def prices(request: web.Request) -> web.Response:
    return web.json_response(await _service(request).prices(int(request.match_info["conference_id"])))


@routes.get("/api/conferences/{conference_id:\\d+}/fee-hint")
async def fee_hint(request: web.Request) -> web.Response:
    currency = request.query.get("currency", "USD").upper()
    hint = await _service(request).fee_hint(int(request.match_info["conference_id"]), currency)
    return web.json_response({"currency": currency, "approx_fee_cents": hint})


@routes.get("/api/conferences/{conference_id:\\d+}/tracks/{track_id}/dashboard")
async def dashboard(request: web.Request) -> web.Response:
    await require_chair(request)
    stats = StatsService(db_session(request), container(request).pool)
    conference_id = int(request.match_info["conference_id"])
    track_id = int(request.match_info["track_id"])
    data = await stats.dashboard(conference_id, track_id)
    data["submissions_total"] = await stats.submission_count(track_id)
    data["pending_reviews"] = await stats.pending_reviews(track_id)
    data["per_day"] = await stats.per_day(track_id)
    return web.json_response(data)
