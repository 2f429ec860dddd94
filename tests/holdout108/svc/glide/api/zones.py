from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, json_body
from glide.models import Zone, ZoneKind
from glide.errors import NotFound
from glide.repositories.vehicles import VehicleRepository
from glide.repositories.zones import ZoneRepository
from glide.services.zones import ZoneService


async def list_zones(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request)
    city_id = int(request.path_params["city_id"])
    kind = request.query_params.get("kind")
    async with c.sessions() as session:
        service = ZoneService(session, c.redis)
        if kind:
            zones = await service.zones_of_kind(city_id, ZoneKind(kind))
        else:
            zones = await service.active_zones(city_id)
    return JSONResponse({"zones": zones})


async def upsert_zone(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    body = await json_body(request)
    zone = Zone(
        id=body.get("id"),
        city_id=int(request.path_params["city_id"]),
        name=body["name"],
        kind=ZoneKind(body["kind"]),
        polygon_wkt=body["polygon_wkt"],
        per_minute_cents=int(body.get("per_minute_cents", 25)),
        speed_limit_kmh=body.get("speed_limit_kmh"),
        target_vehicles=int(body.get("target_vehicles", 0)),
    )
    async with c.sessions() as session:
        saved = await ZoneService(session, c.redis).save(zone)
    return JSONResponse({"id": saved.id})


async def parking_hubs(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request)
    city_id = int(request.path_params["city_id"])
    lat = float(request.query_params["lat"])
    lon = float(request.query_params["lon"])
    if not c.geofence.has_zones(city_id):
        return JSONResponse({"hubs": [], "stale": True})
    hubs = c.geofence.parking_hubs_near(city_id, lat, lon)
    return JSONResponse({"hubs": [{"zone_id": z, "distance_deg": round(d, 6)} for z, d in hubs]})


async def reload_zones(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    city_id = int(request.path_params["city_id"])
    async with c.sessions() as session:
        zones = await ZoneRepository(session).list_active(city_id, list(ZoneKind))
    c.geofence.set_zones(city_id, zones)
    return JSONResponse({"zones": len(zones)})


async def deactivate_zone(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    city_id = int(request.path_params["city_id"])
    async with c.sessions() as session:
        changed = await ZoneService(session, c.redis).deactivate(city_id, int(request.path_params["zone_id"]))
    if not changed:
        raise NotFound("zone not found or already inactive")
    return JSONResponse({"deactivated": True})


async def zone_report(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    city_id = int(request.path_params["city_id"])
    async with c.sessions() as session:
        vehicles = await VehicleRepository(session).list_for_city(city_id)
    return JSONResponse(c.geofence.zone_report(city_id, vehicles))


routes = [
    Route("/cities/{city_id:int}/zones/{zone_id:int}", deactivate_zone, methods=["DELETE"]),
    Route("/ops/cities/{city_id:int}/zone-report", zone_report, methods=["GET"]),
    Route("/cities/{city_id:int}/parking-hubs", parking_hubs, methods=["GET"]),
    Route("/cities/{city_id:int}/zones/reload", reload_zones, methods=["POST"]),
    Route("/cities/{city_id:int}/zones", list_zones, methods=["GET"]),
    Route("/cities/{city_id:int}/zones", upsert_zone, methods=["PUT"]),
]
