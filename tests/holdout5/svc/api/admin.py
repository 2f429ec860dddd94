"""Back-office API for ops and finance."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import pandas as pd
from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from svc.api.deps import AdminUser, SessionDep, geo_index, surge_service
from svc.cache.redis import cache
from svc.config import settings
from svc.db.locations import locations
from svc.db.engine import SessionLocal
from svc.db.models import Ride, RideStatus
from svc.db.repositories import drivers as drivers_repo
from svc.db.repositories import riders as riders_repo
from svc.db.repositories import rides as rides_repo
from svc.errors import NotFoundError
from svc.services import events, exports, receipts, surge
from svc.services.geometry import route_length_km, thin_trail

log = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])


class SurgeOverrideIn(BaseModel):
    city: str
    multiplier: float | None


class AnnouncementIn(BaseModel):
    city: str
    text: str


@router.put("/surge/override")
async def override_surge(body: SurgeOverrideIn, admin: AdminUser) -> dict[str, object]:
    surge.set_override(body.city, body.multiplier)
    log.info("surge override for %s set to %s by %s", body.city, body.multiplier, admin)
    return {"city": body.city, "multiplier": body.multiplier}


@router.post("/surge/{city}/recompute")
async def recompute_surge(city: str, admin: AdminUser) -> dict[str, int]:
    return {"cells": await surge_service.recompute_city(city)}


@router.get("/surge/stats")
async def surge_stats(admin: AdminUser) -> dict[str, float]:
    return await surge_service.publish_stats()


@router.get("/rides")
async def list_rides(admin: AdminUser, session: SessionDep, status: RideStatus = RideStatus.REQUESTED, page: int = 1, page_size: int = Query(50, le=200)) -> list[dict[str, object]]:
    stmt = select(Ride).where(Ride.status == status).order_by(Ride.requested_at.desc()).offset((page - 1) * page_size).limit(page_size)
    rides = (await session.execute(stmt)).scalars().all()
    return [{"id": r.id, "city": r.city, "rider_id": r.rider_id, "requested_at": r.requested_at} for r in rides]


@router.get("/rides/stuck")
async def stuck_rides(admin: AdminUser, session: SessionDep, minutes: int = 10) -> list[int]:
    cutoff = datetime.now(timezone.utc).timestamp() - minutes * 60
    rides = await rides_repo.waiting_since(session, datetime.fromtimestamp(cutoff, timezone.utc))
    return [r.id for r in rides]


@router.get("/riders/search")
async def search_riders(q: str, admin: AdminUser, session: SessionDep) -> list[dict[str, object]]:
    riders = await riders_repo.search(session, q)
    return [{"id": r.id, "email": r.email, "name": r.full_name} for r in riders]


@router.get("/riders/by-phone/{phone}")
async def rider_by_phone(phone: str, admin: AdminUser, session: SessionDep) -> dict[str, object]:
    rider = await riders_repo.by_phone(session, phone)
    if rider is None:
        raise NotFoundError("no rider with that phone")
    return {"id": rider.id, "email": rider.email}


@router.get("/drivers/near")
async def drivers_near(city: str, lat: float, lng: float, admin: AdminUser) -> list[dict[str, float]]:
    hits = await geo_index.nearby(city, lat, lng, radius_km=5.0, limit=50)
    return [{"driver_id": d, "km": km} for d, km in hits]


@router.get("/drivers/{driver_id}/trail")
async def driver_trail(driver_id: int, admin: AdminUser, hours: int = 2) -> dict[str, object]:
    since = datetime.fromtimestamp(datetime.now(timezone.utc).timestamp() - hours * 3600, timezone.utc)
    pings = await locations.trail(driver_id, since, limit=5000)
    points = thin_trail([(p.lat, p.lng) for p in pings])
    return {"points": points, "km": round(route_length_km(points), 2)}


@router.post("/exports/rides")
async def export_rides(admin: AdminUser, session: SessionDep, city: str | None = None) -> dict[str, object]:
    stmt = select(Ride.__table__).where(Ride.status == RideStatus.COMPLETED)
    if city:
        stmt = stmt.where(Ride.city == city)
    result = await session.execute(stmt.order_by(Ride.id))
    path, count = exports.write_ride_export(result.mappings(), datetime.now(timezone.utc))
    return {"file": path.name, "rows": count}


@router.get("/exports")
def list_exports(admin: AdminUser) -> list[dict[str, object]]:
    return exports.list_export_files()


@router.get("/reports/city-revenue")
def city_revenue_report(admin: AdminUser, days: int = 7) -> list[dict[str, object]]:
    df = pd.read_sql_query(
        "SELECT city, date_trunc('day', completed_at) AS day, fare_cents FROM rides WHERE status = 'COMPLETED' AND completed_at > now() - %(days)s * interval '1 day'",
        settings.locations_dsn,
        params={"days": days},
    )
    summary = df.groupby(["city", "day"])["fare_cents"].agg(["sum", "count"]).reset_index()
    return summary.to_dict(orient="records")


@router.post("/receipts/resend")
async def resend(ride_ids: list[int], admin: AdminUser) -> dict[str, int]:
    return {"sent": await receipts.resend_receipts(ride_ids[:500])}


@router.post("/announcements")
async def announce(body: AnnouncementIn, admin: AdminUser) -> dict[str, int]:
    async with SessionLocal() as session:
        driver_ids = await drivers_repo.available_in_city(session, body.city)
    await asyncio.gather(*(events.publish_driver_event(d, "announcement", text=body.text) for d in driver_ids))
    return {"notified": len(driver_ids)}


@router.post("/announcements/throttled")
async def announce_throttled(body: AnnouncementIn, admin: AdminUser) -> dict[str, int]:
    async with SessionLocal() as session:
        driver_ids = await drivers_repo.available_in_city(session, body.city)
    gate = asyncio.Semaphore(settings.broadcast_concurrency)

    async def _one(driver_id: int) -> None:
        async with gate:
            await events.publish_driver_event(driver_id, "announcement", text=body.text)

    await asyncio.gather(*(_one(d) for d in driver_ids))
    await cache.set(f"announcement:{body.city}", body.text, ex=3600)
    return {"notified": len(driver_ids)}
