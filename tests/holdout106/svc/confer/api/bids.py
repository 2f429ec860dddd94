from __future__ import annotations

from aiohttp import web

from ..services.bidding import BiddingService
from .deps import container, current_user, db_session, json_body

routes = web.RouteTableDef()


@routes.put("/api/tracks/{track_id}/bids/{submission_id}")
async def place_bid(request: web.Request) -> web.Response:
    user = await current_user(request)
    if user.role not in ("reviewer", "pc_chair"):
        raise web.HTTPForbidden()
    body = await json_body(request)
    c = container(request)
    svc = BiddingService(db_session(request), c.settings, c.redis)
    await svc.place_bid(
        int(request.match_info["track_id"]), int(request.match_info["submission_id"]), user.id, body["value"]
    )
    return web.json_response({"ok": True})


@routes.post("/api/tracks/{track_id}/bids/summary")
async def bid_summary(request: web.Request) -> web.Response:
    await current_user(request)
    body = await json_body(request)
    c = container(request)
    svc = BiddingService(db_session(request), c.settings, c.redis)
    ids = [int(i) for i in body.get("submission_ids", [])][:500]
    return web.json_response(await svc.summary(int(request.match_info["track_id"]), ids))
