from __future__ import annotations

from aiohttp import web

from ..core.errors import NotFound
from ..repositories.reviews import ReviewRepository
from ..repositories.users import UserRepository
from ..services.reviews import ReviewService
from ..services.users import UserService
from ..ws.review_feed import FEED
from .deps import container, current_user, db_session, json_body

routes = web.RouteTableDef()


def _service(request: web.Request) -> ReviewService:
    users = UserService(UserRepository(db_session(request)))
    return ReviewService(ReviewRepository(container(request).pool), users, request.app[FEED])


@routes.post("/api/reviews/{review_id}")
async def submit_review(request: web.Request) -> web.Response:
    user = await current_user(request)
    body = await json_body(request)
    result = await _service(request).submit(
        int(request.match_info["review_id"]), user, int(body["score"]), int(body["confidence"]), body["text"]
    )
    return web.json_response(result)


@routes.get("/api/reviews/{review_id}")
async def get_review(request: web.Request) -> web.Response:
    user = await current_user(request)
    rec = await ReviewRepository(container(request).pool).get(int(request.match_info["review_id"]))
    if rec is None:
        return web.json_response({"error": "review not found"})
    if rec["reviewer_id"] != user.id and user.role != "pc_chair":
        raise web.HTTPForbidden()
    return web.json_response({"id": rec["id"], "score": rec["score"], "body": rec["body"]})


@routes.get("/api/submissions/{submission_id}/reviews")
async def reviews_for_submission(request: web.Request) -> web.Response:
    user = await current_user(request)
    submission_id = int(request.match_info["submission_id"])
    svc = _service(request)
    if user.role == "pc_chair":
        return web.json_response(await svc.list_for_chair(submission_id))
    if user.role == "reviewer":
        return web.json_response(await svc.list_for_pc(submission_id))
    reviews = await svc.list_for_author(submission_id)
    if not reviews:
        raise NotFound("no reviews released yet")
    return web.json_response(reviews)
