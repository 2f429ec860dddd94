from __future__ import annotations

import uuid
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, json_body
from glide.repositories.tasks import TaskRepository
from glide.utils.timeutil import utcnow


async def next_swap(request: Request) -> JSONResponse:
    c = container(request)
    crew = await claims(request, "crew")
    zone_id = int(request.query_params["zone_id"])
    task_id = await c.swaps.next_task(crew["sub"], zone_id)
    return JSONResponse({"task_id": str(task_id) if task_id else None})


async def hold_vehicle(request: Request) -> JSONResponse:
    c = container(request)
    crew = await claims(request, "crew")
    await c.swaps.hold_vehicle(uuid.UUID(request.path_params["vehicle_id"]), crew["sub"])
    return JSONResponse({"held": True})


async def reserve_batteries(request: Request) -> JSONResponse:
    c = container(request)
    crew = await claims(request, "crew")
    body = await json_body(request)
    await c.swaps.hold_spare_batteries(body["depot_id"], crew["sub"], int(body.get("count", 1)))
    return JSONResponse({"reserved": True})


async def complete_swap(request: Request) -> JSONResponse:
    c = container(request)
    crew = await claims(request, "crew")
    async with c.sessions() as session:
        task = await c.swaps.complete(session, uuid.UUID(request.path_params["task_id"]), crew["sub"])
    return JSONResponse({"task_id": str(task.id), "status": task.status.value})


async def rebalance_plan(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    moves = await c.planner.plan(int(request.path_params["city_id"]))
    return JSONResponse({"moves": [m.__dict__ for m in moves]})


async def rebalance_dispatch(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    created = await c.planner.dispatch(int(request.path_params["city_id"]))
    return JSONResponse({"created": created})


async def crew_stats(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    days = max(1, min(int(request.query_params.get("days", "7")), 90))
    async with c.sessions() as session:
        stats = await TaskRepository(session).crew_stats(utcnow() - timedelta(days=days))
    return JSONResponse({"crews": stats})


async def open_swaps(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "crew")
    zone_id = request.query_params.get("zone_id")
    async with c.sessions() as session:
        tasks = await TaskRepository(session).open_swaps(int(zone_id) if zone_id else None, limit=50)
    return JSONResponse(
        [{"id": str(t.id), "vehicle_id": str(t.vehicle_id), "battery": t.battery_pct_at_open, "priority": t.priority} for t in tasks]
    )


async def crew_route(request: Request) -> JSONResponse:
    c = container(request)
    crew = await claims(request, "crew")
    lat = float(request.query_params["lat"])
    lon = float(request.query_params["lon"])
    stops = await c.swaps.route_for(crew["sub"], (lat, lon), int(request.query_params["zone_id"]))
    return JSONResponse({"stops": stops})


routes = [
    Route("/crew/route", crew_route, methods=["GET"]),
    Route("/ops/crews/stats", crew_stats, methods=["GET"]),
    Route("/crew/swaps", open_swaps, methods=["GET"]),
    Route("/crew/swaps/next", next_swap, methods=["POST"]),
    Route("/crew/swaps/{task_id}/complete", complete_swap, methods=["POST"]),
    Route("/crew/vehicles/{vehicle_id}/hold", hold_vehicle, methods=["POST"]),
    Route("/crew/batteries/reserve", reserve_batteries, methods=["POST"]),
    Route("/ops/cities/{city_id:int}/rebalance/plan", rebalance_plan, methods=["POST"]),
    Route("/ops/cities/{city_id:int}/rebalance/dispatch", rebalance_dispatch, methods=["POST"]),
]
