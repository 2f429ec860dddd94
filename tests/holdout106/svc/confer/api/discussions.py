from __future__ import annotations

from aiohttp import web

from ..repositories.outbox import OutboxRepository
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository
from ..services.discussions import DiscussionService
from ..services.discussions import Notifier
from .deps import container, current_user, db_session, json_body

routes = web.RouteTableDef()


def _service(request: web.Request) -> DiscussionService:
    c = container(request)
    session = db_session(request)
    notifier = Notifier(c.redis, OutboxRepository(c.pool), UserRepository(session))
    return DiscussionService(session, notifier)


@routes.get("/api/submissions/{submission_id}/discussion")
async def get_thread(request: web.Request) -> web.Response:
    user = await current_user(request)
    if user.role not in ("reviewer", "pc_chair"):
        raise web.HTTPForbidden()
    return web.json_response(await _service(request).thread(int(request.match_info["submission_id"])))


@routes.post("/api/submissions/{submission_id}/discussion")
async def post_comment(request: web.Request) -> web.Response:
    user = await current_user(request)
    if user.role not in ("reviewer", "pc_chair"):
        raise web.HTTPForbidden()
    body = await json_body(request)
    submission = await SubmissionRepository(container(request).pool).get(int(request.match_info["submission_id"]))
    if submission is None:
        raise web.HTTPNotFound()
    svc = _service(request)
    if user.role == "pc_chair" and body.get("announce"):
        result = await svc.announce(submission["id"], submission["number"], user, body["body"])
    else:
        result = await svc.post(submission["id"], submission["number"], user, body["body"], body.get("parent_id"))
    return web.json_response(result, status=201)
