from __future__ import annotations

import logging

from aiohttp import web

from ..repositories.conferences import ConferenceRepository
from ..repositories.submissions import SubmissionRepository
from ..services.camera_ready import MAX_CAMERA_READY_BYTES, CameraReadyService
from ..services.plagiarism import PlagiarismService
from ..services.submissions import SubmissionService
from ..services.uploads import UploadService
from ..core.pagination import envelope, page_from_request
from .deps import container, current_user, db_session, json_body

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


def _submissions(request: web.Request) -> SubmissionService:
    c = container(request)
    return SubmissionService(
        SubmissionRepository(c.pool), ConferenceRepository(db_session(request)), c.plagiarism, c.redis
    )


def _uploads(request: web.Request) -> UploadService:
    c = container(request)
    return UploadService(c.storage, SubmissionRepository(c.pool), c.settings)


@routes.post("/api/tracks/{track_id}/submissions")
async def create_submission(request: web.Request) -> web.Response:
    user = await current_user(request)
    body = await json_body(request)
    svc = _submissions(request)
    created = await svc.create(int(request.match_info["track_id"]), user, body["title"], body["abstract"])
    created["screen_score"] = await svc.screen(created["id"], body["abstract"])
    return web.json_response(created, status=201)


@routes.get("/api/tracks/{track_id}/submissions")
async def list_submissions(request: web.Request) -> web.Response:
    user = await current_user(request)
    page = page_from_request(request)
    items = await _submissions(request).visible_to(int(request.match_info["track_id"]), user)
    return web.json_response(envelope(items[page.offset : page.offset + page.limit], page, len(items)))


@routes.post("/api/submissions/{submission_id}/uploads")
async def begin_upload(request: web.Request) -> web.Response:
    user = await current_user(request)
    submission_id = int(request.match_info["submission_id"])
    await _submissions(request).get_owned(submission_id, user)
    body = await json_body(request)
    token = await _uploads(request).begin(submission_id, int(body["size"]))
    return web.json_response({"token": token}, status=201)


@routes.put("/api/uploads/{token}")
async def upload_chunk(request: web.Request) -> web.Response:
    await current_user(request)
    chunk = await request.read()
    received = await _uploads(request).append_chunk(request.match_info["token"], chunk)
    return web.json_response({"received": received})


@routes.post("/api/uploads/{token}/complete")
async def complete_upload(request: web.Request) -> web.Response:
    await current_user(request)
    try:
        result = await _uploads(request).complete(request.match_info["token"])
    except Exception as exc:
        return web.json_response({"error": str(exc)}, status=400)
    c = container(request)
    submission_id = int(result["key"].split("/")[1])
    plagiarism = PlagiarismService(c.plagiarism, c.storage, SubmissionRepository(c.pool), c.settings)
    submission = await SubmissionRepository(c.pool).get(submission_id)
    result["plagiarism_job"] = await plagiarism.start_check(submission)
    return web.json_response(result)



@routes.post("/api/submissions/{submission_id}/camera-ready")
async def upload_camera_ready(request: web.Request) -> web.Response:
    user = await current_user(request)
    c = container(request)
    repo = SubmissionRepository(c.pool)
    submission = await repo.get(int(request.match_info["submission_id"]))
    if submission is None or submission["submitter_id"] != user.id:
        raise web.HTTPNotFound()
    reader = await request.multipart()
    data = b""
    copyright_signed = False
    while (part := await reader.next()) is not None:
        if part.name == "copyright":
            copyright_signed = (await part.text()) == "yes"
        elif part.name == "file":
            data = await part.read(decode=False)
            if len(data) > MAX_CAMERA_READY_BYTES:
                raise web.HTTPRequestEntityTooLarge(MAX_CAMERA_READY_BYTES, len(data))
    key = await CameraReadyService(c.storage, repo).upload(submission, data, copyright_signed)
    return web.json_response({"key": key}, status=201)


@routes.get("/api/submissions/{submission_id}/camera-ready")
async def camera_ready_link(request: web.Request) -> web.Response:
    user = await current_user(request)
    c = container(request)
    repo = SubmissionRepository(c.pool)
    submission = await repo.get(int(request.match_info["submission_id"]))
    if submission is None or (submission["submitter_id"] != user.id and user.role != "pc_chair"):
        raise web.HTTPNotFound()
    url = await CameraReadyService(c.storage, repo).download_url(submission)
    return web.json_response({"url": url})
