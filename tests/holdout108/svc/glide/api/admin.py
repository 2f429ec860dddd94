from __future__ import annotations

import logging
import os
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from glide.api.deps import claims, container, json_body
from glide.api.rides import ride_to_dict
from glide.core.pagination import clamp_limit
from glide.core.security import verify_signature
from glide.errors import Conflict, NotFound
from glide.models import RiderStatus, RideStatus
from glide.repositories.riders import RiderRepository
from glide.repositories.rides import RideRepository
from glide.repositories.vehicles import VehicleRepository
from glide.repositories.wallets import WalletRepository
from glide.services.pricing import set_surge
from glide.services.settlement import SettlementService
from glide.services.wallet import WalletService

log = logging.getLogger(__name__)


async def search_riders(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    q = request.query_params.get("q", "").strip()
    if len(q) < 3:
        raise Conflict("query too short", code="bad_request")
    async with c.sessions() as session:
        riders = await RiderRepository(session).search(q)
        wallets = WalletRepository(session)
        rows = [
            {
                "id": str(r.id),
                "email": r.email,
                "status": r.status.value,
                "balance_cents": (w.balance_cents if (w := await wallets.get_by_rider(r.id)) else None),
            }
            for r in riders
        ]
    return JSONResponse({"riders": rows})


async def city_riders(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    limit = clamp_limit(request.query_params.get("limit"), default=50, maximum=200)
    async with c.sessions() as session:
        riders = await RiderRepository(session).list_page(int(request.path_params["city_id"]), limit)
        wallets = await WalletRepository(session).by_riders([r.id for r in riders])
    return JSONResponse(
        {
            "riders": [
                {"id": str(r.id), "email": r.email, "balance_cents": getattr(wallets.get(r.id), "balance_cents", None)}
                for r in riders
            ]
        }
    )


async def list_rides(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    status = request.query_params.get("status")
    page = max(0, int(request.query_params.get("page", "0")))
    size = clamp_limit(request.query_params.get("size"), default=50, maximum=200)
    async with c.sessions() as session:
        rides = await RideRepository(session).admin_page(RideStatus(status) if status else None, page, size)
    return JSONResponse({"rides": [ride_to_dict(r) for r in rides], "page": page})


async def surge(request: Request) -> JSONResponse:
    await claims(request, "operator")
    body = await json_body(request)
    try:
        multiplier = Decimal(str(body["multiplier"]))
    except (InvalidOperation, KeyError) as exc:
        raise Conflict("invalid multiplier", code="bad_request") from exc
    set_surge(int(request.path_params["zone_id"]), multiplier)
    return JSONResponse({"zone_id": request.path_params["zone_id"], "multiplier": str(multiplier)})


async def reload_boundary(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    await c.geofence.reload_boundary()
    return JSONResponse({"reloaded": True})


async def settlement_summary(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    day = date.fromisoformat(request.path_params["day"])
    async with c.sessions() as session:
        summary = await SettlementService(session, c.settings, c.gateway).daily_summary(day)
    return JSONResponse(summary)


async def monthly_revenue(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    async with c.sessions() as session:
        rows = await SettlementService(session, c.settings, c.gateway).monthly_revenue(
            int(request.path_params["year"]), int(request.path_params["month"])
        )
    return JSONResponse({"rows": rows})


async def export_day(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    day = date.fromisoformat(request.path_params["day"])
    async with c.sessions() as session:
        path = await SettlementService(session, c.settings, c.gateway).export_csv(day)
    return JSONResponse({"path": path})


async def refund_ride(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    ride_id = uuid.UUID(request.path_params["ride_id"])
    async with c.sessions() as session:
        ride = await RideRepository(session).get(ride_id)
        if ride is None or not ride.fare_cents:
            raise Conflict("ride not refundable", code="not_refundable")
        balance = await WalletService(session, c.gateway).refund_to_wallet(
            ride.rider_id, ride.fare_cents, f"refund_ride_{ride.id}"
        )
    return JSONResponse({"balance_cents": balance})


def download_export(request: Request) -> Response:
    day = date.fromisoformat(request.path_params["day"])
    settings = request.app.state.container.settings
    signature = request.query_params.get("sig", "")
    if not verify_signature(day.isoformat().encode(), signature, settings.jwt_secret):
        return JSONResponse({"error": "forbidden", "message": "bad signature"}, status_code=403)
    path = os.path.join(settings.export_dir, f"settlement_{day.isoformat()}.csv")
    if not os.path.exists(path):
        return JSONResponse({"error": "not_found", "message": "export not generated"}, status_code=404)
    with open(path, "rb") as fh:
        data = fh.read()
    return Response(data, media_type="text/csv")


async def firmware_overview(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    city_id = int(request.path_params["city_id"])
    async with c.sessions() as session:
        vehicles = await VehicleRepository(session).list_for_city(city_id)
    status = await c.bridge.firmware_status([v.iot_device_id for v in vehicles][:2000])
    counts: dict[str, int] = {}
    for version in status.values():
        counts[version] = counts.get(version, 0) + 1
    return JSONResponse({"city_id": city_id, "firmware": counts})


async def suspend_rider(request: Request) -> JSONResponse:
    c = container(request)
    operator = await claims(request, "operator")
    rid = uuid.UUID(request.path_params["rider_id"])
    body = await json_body(request)
    status = RiderStatus.SUSPENDED if body.get("suspend", True) else RiderStatus.ACTIVE
    async with c.sessions() as session:
        if not await RiderRepository(session).set_status(rid, status):
            raise NotFound("rider not found")
        await session.commit()
    log.info("operator %s set rider %s to %s", operator["sub"], rid, status.value)
    return JSONResponse({"rider_id": str(rid), "status": status.value})


async def payout_status(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    day = date.fromisoformat(request.path_params["day"])
    async with c.sessions() as session:
        data = await SettlementService(session, c.settings, c.gateway).payout_status(day)
    return JSONResponse(data)


routes = [
    Route("/ops/settlement/{day}/payout", payout_status, methods=["GET"]),
    Route("/ops/riders/{rider_id}/status", suspend_rider, methods=["PUT"]),
    Route("/ops/cities/{city_id:int}/firmware", firmware_overview, methods=["GET"]),
    Route("/ops/rides/{ride_id}/refund", refund_ride, methods=["POST"]),
    Route("/ops/settlement/{day}/export.csv", download_export, methods=["GET"]),
    Route("/ops/riders/search", search_riders, methods=["GET"]),
    Route("/ops/cities/{city_id:int}/riders", city_riders, methods=["GET"]),
    Route("/ops/rides", list_rides, methods=["GET"]),
    Route("/ops/zones/{zone_id:int}/surge", surge, methods=["PUT"]),
    Route("/ops/geofence/reload", reload_boundary, methods=["POST"]),
    Route("/ops/settlement/{day}/summary", settlement_summary, methods=["GET"]),
    Route("/ops/settlement/{day}/export", export_day, methods=["POST"]),
    Route("/ops/revenue/{year:int}/{month:int}", monthly_revenue, methods=["GET"]),
]
