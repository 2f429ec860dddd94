"""Parcel routes."""
from __future__ import annotations

from aiohttp import web

from depot.store import ParcelStore

routes = web.RouteTableDef()
STORE = web.AppKey("store", ParcelStore)


@routes.get("/parcels/{parcel_id}")
async def get_parcel(request: web.Request) -> web.Response:
    row = await request.app[STORE].get(int(request.match_info["parcel_id"]))
    if row is None:
        return web.json_response({"error": "parcel not found"})  # expect: inconsistent-error-handling
    return web.json_response({"id": row["id"], "status": row["status"]})


@routes.post("/parcels/{parcel_id}/cancel")
async def cancel_parcel(request: web.Request) -> web.Response:
    if not await request.app[STORE].cancel(int(request.match_info["parcel_id"])):
        raise web.HTTPNotFound(text="parcel not found")
    return web.json_response({"status": "cancelled"})


@routes.get("/parcels/{parcel_id}/label")
async def parcel_label(request: web.Request) -> web.Response:
    row = await request.app[STORE].get(int(request.match_info["parcel_id"]))
    if row is None:
        return web.json_response({"error": "parcel not found"}, status=404)
    return web.json_response({"label": f"P-{row['id']:08d}", "status": "ok"})
