from __future__ import annotations

import logging

from aiohttp import web

from ..repositories.outbox import ExportRepository
from ..repositories.submissions import SubmissionRepository
from ..services import bidding
from ..services.plagiarism import PlagiarismService
from .deps import container, json_body, require_chair

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


@routes.put("/api/admin/tracks/{track_id}/bidding")
async def set_bidding_phase(request: web.Request) -> web.Response:
    chair = await require_chair(request)
    body = await json_body(request)
    phase = body.get("phase")
    if phase not in ("open", "closed"):
        raise web.HTTPBadRequest(text="phase must be open or closed")
    track_id = int(request.match_info["track_id"])
    bidding.set_phase(track_id, phase)
    log.info("chair %s set bidding %s for track %s", chair.id, phase, track_id)
    return web.json_response({"track_id": track_id, "phase": phase})


@routes.post("/api/admin/tracks/{track_id}/assignments")
async def recompute_assignments(request: web.Request) -> web.Response:
    await require_chair(request)
    count = await container(request).assignments.recompute_for_track(int(request.match_info["track_id"]))
    return web.json_response({"assignments": count})


@routes.get("/api/admin/tracks/{track_id}/assignments/preview")
async def preview_assignments(request: web.Request) -> web.Response:
    await require_chair(request)
    pairs = await container(request).assignments.preview(int(request.match_info["track_id"]))
    return web.json_response([{"submission_id": s, "reviewer_id": r} for s, r in pairs])


@routes.post("/api/admin/tracks/{track_id}/plagiarism")
async def run_plagiarism(request: web.Request) -> web.Response:
    await require_chair(request)
    c = container(request)
    svc = PlagiarismService(c.plagiarism, c.storage, SubmissionRepository(c.pool), c.settings)
    started = await svc.check_track(int(request.match_info["track_id"]))
    return web.json_response({"started": started})


@routes.post("/api/admin/conferences/{conference_id:\\d+}/proceedings")
async def request_export(request: web.Request) -> web.Response:
    await require_chair(request)
    job_id = await ExportRepository(container(request).pool).create(int(request.match_info["conference_id"]))
    return web.json_response({"job_id": job_id}, status=202)


@routes.get("/healthz")
async def liveness(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


@routes.get("/readyz")
async def readiness(request: web.Request) -> web.Response:
    return web.json_response({"status": "ready"})
