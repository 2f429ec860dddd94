from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, json_body
from glide.services.pricing import PricingService
from glide.services.vehicles import VehicleService
from glide.models import VehicleType


async def nearby(request: Request) -> JSONResponse:
    c = container(request)
    data = await claims(request)
    lat = float(request.query_params["lat"])
    lon = float(request.query_params["lon"])
    city_id = int(request.query_params.get("city_id", data.get("city_id", 1)))
    async with c.sessions() as session:
        vehicles = await VehicleService(session, c.geofence).nearby(city_id, lat, lon)
    return JSONResponse({"vehicles": vehicles})


async def by_qr(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request)
    async with c.sessions() as session:
        vehicle = await VehicleService(session, c.geofence).by_qr(request.path_params["qr"])
    return JSONResponse(vehicle)


async def quote(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request)
    zone_id = request.query_params.get("zone_id")
    vehicle_type = VehicleType(request.query_params.get("type", "scooter"))
    minutes = max(1, min(int(request.query_params.get("minutes", "10")), 240))
    async with c.sessions() as session:
        fare = await PricingService(session, c.settings).quote(int(zone_id) if zone_id else None, vehicle_type, minutes)
    return JSONResponse(fare.__dict__)


async def ops_command(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    body = await json_body(request)
    async with c.sessions() as session:
        result = await VehicleService(session, c.geofence).ops_command(
            request.path_params["qr"], body["command"], c.commands
        )
    return JSONResponse(result)


async def battery_overview(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    async with c.sessions() as session:
        bands = await VehicleService(session, c.geofence).battery_overview(int(request.path_params["city_id"]))
    return JSONResponse(bands)


async def silent(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    async with c.sessions() as session:
        rows = await VehicleService(session, c.geofence).silent_vehicles(int(request.path_params["city_id"]), c.map_hub)
    return JSONResponse({"vehicles": rows})


async def outside(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    async with c.sessions() as session:
        rows = await VehicleService(session, c.geofence).outside_boundary(int(request.path_params["city_id"]))
    return JSONResponse({"vehicles": rows})


routes = [
    Route("/ops/cities/{city_id:int}/outside", outside, methods=["GET"]),
    Route("/ops/vehicles/{qr}/command", ops_command, methods=["POST"]),
    Route("/ops/cities/{city_id:int}/battery", battery_overview, methods=["GET"]),
    Route("/ops/cities/{city_id:int}/silent", silent, methods=["GET"]),
    Route("/vehicles/nearby", nearby, methods=["GET"]),
    Route("/vehicles/by-qr/{qr}", by_qr, methods=["GET"]),
    Route("/vehicles/quote", quote, methods=["GET"]),
]
