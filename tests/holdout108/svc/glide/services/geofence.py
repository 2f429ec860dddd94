from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from shapely import wkt
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from glide.core.cache import TTLCache
from glide.models import Vehicle, Zone, ZoneKind
from glide.settings import Settings
from glide.utils.geo import point, read_geojson

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ZoneShape:
    zone_id: int
    kind: ZoneKind
    shape: PreparedGeometry
    speed_limit_kmh: int | None


class GeofenceService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._boundary: PreparedGeometry | None = None
        self._shapes: TTLCache[int, list[ZoneShape]] = TTLCache(maxsize=64, ttl=300)

    async def load_boundary(self) -> None:
        geometry: BaseGeometry = await asyncio.to_thread(read_geojson, self._settings.city_boundary_path)
        self._boundary = prep(geometry)

    async def reload_boundary(self) -> None:
        geometry = read_geojson(self._settings.city_boundary_path)
        self._boundary = prep(geometry)
        log.info("city boundary reloaded")

    def set_zones(self, city_id: int, zones: Sequence[Zone]) -> None:
        shapes = [
            ZoneShape(z.id, z.kind, prep(wkt.loads(z.polygon_wkt)), z.speed_limit_kmh)
            for z in zones
        ]
        self._shapes.set(city_id, shapes)

    def has_zones(self, city_id: int) -> bool:
        return self._shapes.get(city_id) is not None

    def inside_boundary(self, lat: float, lon: float) -> bool:
        if self._boundary is None:
            return True
        return self._boundary.contains(point(lat, lon))

    def zone_at(self, city_id: int, lat: float, lon: float, kind: ZoneKind = ZoneKind.OPERATING) -> int | None:
        p = point(lat, lon)
        for shape in self._shapes.get(city_id) or []:
            if shape.kind == kind and shape.shape.contains(p):
                return shape.zone_id
        return None

    def is_no_parking(self, city_id: int, lat: float, lon: float) -> bool:
        return self.zone_at(city_id, lat, lon, ZoneKind.NO_PARKING) is not None

    def speed_limit_at(self, city_id: int, lat: float, lon: float) -> int | None:
        p = point(lat, lon)
        limits = [
            s.speed_limit_kmh
            for s in self._shapes.get(city_id) or []
            if s.kind == ZoneKind.SLOW and s.speed_limit_kmh and s.shape.contains(p)
        ]
        return min(limits) if limits else None

    def parking_hubs_near(self, city_id: int, lat: float, lon: float, limit: int = 3) -> list[tuple[int, float]]:
        p = point(lat, lon)
        hubs = [
            (s.zone_id, s.shape.context.centroid.distance(p))
            for s in self._shapes.get(city_id) or []
            if s.kind == ZoneKind.PARKING_HUB
        ]
        hubs.sort(key=lambda h: h[1])
        return hubs[:limit]

    def zone_report(self, city_id: int, vehicles: Sequence[Vehicle]) -> dict[str, int]:
        """Counts vehicles per zone kind they are currently standing in."""
        counts = {kind.value: 0 for kind in ZoneKind}
        counts["outside"] = 0
        shapes = self._shapes.get(city_id) or []
        for vehicle in vehicles:
            p = point(vehicle.lat, vehicle.lon)
            hit = False
            for shape in shapes:
                if shape.shape.contains(p):
                    counts[shape.kind.value] += 1
                    hit = True
            if not hit:
                counts["outside"] += 1
        return counts

    def vehicles_outside(self, vehicles: Sequence[Vehicle], already_flagged: Sequence[uuid.UUID]) -> list[Vehicle]:
        flagged = list(already_flagged)
        out: list[Vehicle] = []
        for vehicle in vehicles:
            if vehicle.id in flagged:
                continue
            if not self.inside_boundary(vehicle.lat, vehicle.lon):
                out.append(vehicle)
        return out
