from __future__ import annotations

from aiohttp import web

from ..repositories.conferences import ConferenceRepository
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository
from ..services.decisions import DecisionService
from .deps import container, db_session, json_body, require_chair

routes = web.RouteTableDef()


def _service(request: web.Request) -> DecisionService:
    c = container(request)
    return DecisionService(SubmissionRepository(c.pool), UserRepository(db_session(request)), c.mailer, c.settings)


@routes.put("/api/tracks/{track_id}/decisions")
async def record_decisions(request: web.Request) -> web.Response:
    await require_chair(request)
    body = await json_body(request)
    decisions = {int(k): v for k, v in body.get("decisions", {}).items()}
    try:
        await _service(request).record(decisions)
    except ValueError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from exc
    return web.json_response({"recorded": len(decisions)})


@routes.get("/api/tracks/{track_id}/decisions/preview")
async def preview(request: web.Request) -> web.Response:
    await require_chair(request)
    track = await ConferenceRepository(db_session(request)).get_track(int(request.match_info["track_id"]))
    if track is None:
        raise web.HTTPNotFound()
    return web.json_response(await _service(request).preview(track.id, track.name))


@routes.post("/api/tracks/{track_id}/decisions/release")
async def release(request: web.Request) -> web.Response:
    await require_chair(request)
    track = await ConferenceRepository(db_session(request)).get_track(int(request.match_info["track_id"]))
    if track is None:
        raise web.HTTPNotFound()
    sent = await _service(request).release(track.id, track.name)
    return web.json_response({"sent": sent})
