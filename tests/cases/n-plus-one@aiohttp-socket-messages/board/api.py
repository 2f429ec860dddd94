"""Board routes and the live board socket."""
from __future__ import annotations

from aiohttp import WSMsgType, web

from board.notes import NOTES

routes = web.RouteTableDef()


@routes.get("/owners/{owner_id}/boards")
async def boards(request: web.Request) -> web.Response:
    store = request.app[NOTES]
    counts = {}
    for board_id in await store.board_ids(int(request.match_info["owner_id"])):
        counts[board_id] = await store.count_notes(board_id)  # expect: n-plus-one
    return web.json_response(counts)


@routes.get("/ws/boards/{board_id}")
async def live_board(request: web.Request) -> web.WebSocketResponse:
    board_id = int(request.match_info["board_id"])
    store = request.app[NOTES]
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await store.add_note(board_id, msg.data[:280])
            await ws.send_json({"saved": True})
    return ws
