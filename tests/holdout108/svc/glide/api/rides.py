from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import container, json_body, ride_service, rider_id
from glide.core.pagination import Cursor, clamp_limit, decode_cursor, encode_cursor
from glide.errors import NotFound
from glide.models import Ride
from glide.repositories.rides import RideRepository
from glide.utils.timeutil import utcnow


def ride_to_dict(ride: Ride) -> dict:
    return {
        "id": str(ride.id),
        "vehicle_id": str(ride.vehicle_id),
        "status": ride.status.value,
        "started_at": ride.started_at.isoformat(),
        "ended_at": ride.ended_at.isoformat() if ride.ended_at else None,
        "fare_cents": ride.fare_cents,
        "distance_m": ride.distance_m,
    }


async def start_ride(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    async with c.sessions() as session:
        ride = await ride_service(c, session).start(rid, body["qr_code"], float(body["lat"]), float(body["lon"]))
    return JSONResponse(ride_to_dict(ride), status_code=201)


async def end_ride(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    ride_id = uuid.UUID(request.path_params["ride_id"])
    async with c.sessions() as session:
        ride = await ride_service(c, session).end(rid, ride_id)
    return JSONResponse(ride_to_dict(ride))


async def reserve(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    async with c.sessions() as session:
        await ride_service(c, session).reserve(rid, uuid.UUID(body["vehicle_id"]))
    return JSONResponse({"reserved": True})


async def history(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    limit = clamp_limit(request.query_params.get("limit"))
    cursor = decode_cursor(request.query_params.get("cursor"))
    async with c.sessions() as session:
        rides = await RideRepository(session).history(rid, limit, cursor)
    next_cursor = None
    if len(rides) == limit:
        last = rides[-1]
        next_cursor = encode_cursor(Cursor(last.started_at, str(last.id)))
    return JSONResponse({"rides": [ride_to_dict(r) for r in rides], "next": next_cursor})


async def summary(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    ride_id = uuid.UUID(request.path_params["ride_id"])
    async with c.sessions() as session:
        result = await ride_service(c, session).summary(rid, ride_id)
    return JSONResponse(result.__dict__)


async def track(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    ride_id = uuid.UUID(request.path_params["ride_id"])
    async with c.sessions() as session:
        ride = await RideRepository(session).get(ride_id)
    if ride is None or ride.rider_id != rid:
        raise NotFound("ride not found")
    end = ride.ended_at or utcnow()
    data = await c.telemetry.track(str(ride.vehicle_id), ride.started_at, end)
    return JSONResponse(data)


async def park(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        await ride_service(c, session).park(rid, uuid.UUID(request.path_params["ride_id"]))
    return JSONResponse({"parked": True})


async def resume(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        await ride_service(c, session).resume(rid, uuid.UUID(request.path_params["ride_id"]))
    return JSONResponse({"parked": False})


async def current(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        data = await ride_service(c, session).current_cost(rid)
    return JSONResponse(data)


routes = [
    Route("/rides/current", current, methods=["GET"]),
    Route("/rides/{ride_id}/park", park, methods=["POST"]),
    Route("/rides/{ride_id}/resume", resume, methods=["POST"]),
    Route("/rides/{ride_id}/track", track, methods=["GET"]),
    Route("/rides", start_ride, methods=["POST"]),
    Route("/rides/history", history, methods=["GET"]),
    Route("/rides/reserve", reserve, methods=["POST"]),
    Route("/rides/{ride_id}/end", end_ride, methods=["POST"]),
    Route("/rides/{ride_id}/summary", summary, methods=["GET"]),
]
