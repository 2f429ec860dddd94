"""Geofence management and the rule loader used by alert evaluation."""
from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import RuleCache, RuleSpec
from svc.db.database import SessionFactory
from svc.db.geofence_repo import GeofenceRepository
from svc.db.models import AlertRule, Geofence
from svc.errors import Conflict, ValidationFailed

EARTH_RADIUS_KM = 6371.0088

Polygon = tuple[tuple[float, float], ...]


@lru_cache(maxsize=4096)
def bounding_box(polygon: Polygon) -> tuple[float, float, float, float]:
    lats = [p[0] for p in polygon]
    lons = [p[1] for p in polygon]
    return min(lats), min(lons), max(lats), max(lons)


def point_in_polygon(lat: float, lon: float, polygon: Polygon) -> bool:
    min_lat, min_lon, max_lat, max_lon = bounding_box(polygon)
    if not (min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
        return False
    inside = False
    j = len(polygon) - 1
    for i, (lat_i, lon_i) in enumerate(polygon):
        lat_j, lon_j = polygon[j]
        if (lon_i > lon) != (lon_j > lon):
            cross = (lat_j - lat_i) * (lon - lon_i) / (lon_j - lon_i) + lat_i
            if lat < cross:
                inside = not inside
        j = i
    return inside


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def path_length_km(points: Iterable[tuple[float, float]]) -> float:
    total = 0.0
    previous: tuple[float, float] | None = None
    for point in points:
        if previous is not None:
            total += haversine_km(previous[0], previous[1], point[0], point[1])
        previous = point
    return total


def as_polygon(raw: Sequence[Sequence[float]]) -> Polygon:
    return tuple((float(p[0]), float(p[1])) for p in raw)


def _spec(rule: AlertRule) -> RuleSpec:
    polygon = as_polygon(rule.geofence.polygon) if rule.geofence is not None else None
    return RuleSpec(
        id=rule.id,
        kind=rule.kind,
        priority=rule.priority,
        threshold=rule.threshold,
        geofence_id=rule.geofence_id,
        polygon=polygon,
        sms_to=rule.sms_to,
    )


class GeofenceService:
    def __init__(self, session: AsyncSession, rule_cache: RuleCache) -> None:
        self._session = session
        self._repo = GeofenceRepository(session)
        self._rule_cache = rule_cache

    async def create(self, fleet_id: int, name: str, polygon: list[list[float]]) -> Geofence:
        if len(polygon) < 3:
            raise ValidationFailed("a geofence needs at least three vertices")
        existing = await self._repo.find_by_name(fleet_id, name)
        if existing is not None:
            raise Conflict(f"geofence {name!r} already exists")
        fence = await self._repo.add(fleet_id, name, polygon)
        await self._session.commit()
        await self._rule_cache.invalidate(fleet_id)
        return fence

    async def rules_overview(self, fleet_id: int) -> list[dict[str, Any]]:
        rules = await self._repo.enabled_rules(fleet_id)
        overview = []
        for rule in rules:
            fence = await rule.awaitable_attrs.geofence
            overview.append(
                {
                    "id": rule.id,
                    "kind": rule.kind,
                    "threshold": rule.threshold,
                    "geofence": fence.name if fence is not None else None,
                }
            )
        return overview


def make_rule_loader(rule_cache: RuleCache) -> Callable[[int], Awaitable[list[RuleSpec]]]:
    async def load(fleet_id: int) -> list[RuleSpec]:
        async with SessionFactory() as session:
            rules = await GeofenceRepository(session).rules_with_geofences(fleet_id)
            specs = [_spec(rule) for rule in rules]
        await rule_cache.put(fleet_id, specs)
        return specs

    return load


class GeofenceIndex:
    """Polygons per fleet for the map overlay, reloaded when stale."""

    def __init__(self, max_age_s: float = 120.0) -> None:
        self._lock = asyncio.Lock()
        self._polygons: dict[int, dict[int, Polygon]] = {}
        self._loaded_at: dict[int, float] = {}
        self._max_age_s = max_age_s

    def _stale(self, fleet_id: int) -> bool:
        return time.monotonic() - self._loaded_at.get(fleet_id, 0.0) > self._max_age_s

    async def polygons(self, fleet_id: int) -> dict[int, Polygon]:
        async with self._lock:
            if self._stale(fleet_id):
                await self._reload(fleet_id)
            return dict(self._polygons.get(fleet_id, {}))

    async def _reload(self, fleet_id: int) -> None:
        await self._lock.acquire()
        try:
            async with SessionFactory() as session:
                fences = await GeofenceRepository(session).list_for_fleet(fleet_id)
            self._polygons[fleet_id] = {f.id: as_polygon(f.polygon) for f in fences}
            self._loaded_at[fleet_id] = time.monotonic()
        finally:
            self._lock.release()

    async def prime(self, fleet_ids: list[int]) -> None:
        loaded: dict[int, dict[int, Polygon]] = {fleet_id: {} for fleet_id in fleet_ids}
        async with SessionFactory() as session:
            fences = await GeofenceRepository(session).list_for_fleets(fleet_ids)
        for fence in fences:
            loaded[fence.fleet_id][fence.id] = as_polygon(fence.polygon)
        now = time.monotonic()
        self._polygons.update(loaded)
        self._loaded_at.update({fleet_id: now for fleet_id in loaded})
