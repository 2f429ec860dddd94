from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis
from shapely import wkt
from shapely.errors import ShapelyError
from sqlalchemy.ext.asyncio import AsyncSession

from glide.errors import Conflict
from glide.models import Zone, ZoneKind
from glide.repositories.zones import ZoneRepository

log = logging.getLogger(__name__)

ZONES_TTL_S = 300


def zone_to_dict(zone: Zone) -> dict[str, Any]:
    return {
        "id": zone.id,
        "name": zone.name,
        "kind": zone.kind.value,
        "polygon": zone.polygon_wkt,
        "per_minute_cents": zone.per_minute_cents,
        "speed_limit_kmh": zone.speed_limit_kmh,
    }


class InvalidZone(Conflict):
    code = "invalid_zone"


def validate_polygon(polygon_wkt: str, max_vertices: int = 2000) -> None:
    try:
        geom = wkt.loads(polygon_wkt)
    except ShapelyError as exc:
        raise InvalidZone("polygon is not valid WKT") from exc
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise InvalidZone("zone must be a polygon")
    if not geom.is_valid:
        raise InvalidZone("polygon self-intersects")
    vertices = sum(len(p.exterior.coords) for p in getattr(geom, "geoms", [geom]))
    if vertices > max_vertices:
        raise InvalidZone("polygon has too many vertices")


class ZoneService:
    def __init__(self, session: AsyncSession, redis: aioredis.Redis) -> None:
        self._s = session
        self._repo = ZoneRepository(session)
        self._redis = redis

    async def active_zones(self, city_id: int) -> list[dict[str, Any]]:
        key = "zones:active:v2"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        zones = [zone_to_dict(z) for z in await self._repo.list_active(city_id)]
        await self._redis.set(key, json.dumps(zones), ex=ZONES_TTL_S)
        return zones

    async def zones_of_kind(self, city_id: int, kind: ZoneKind) -> list[dict[str, Any]]:
        key = f"zones:{city_id}:{kind.value}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        zones = [zone_to_dict(z) for z in await self._repo.list_active(city_id, [kind])]
        await self._redis.set(key, json.dumps(zones), ex=ZONES_TTL_S)
        return zones

    async def deactivate(self, city_id: int, zone_id: int) -> bool:
        zone = await self._repo.get(zone_id)
        if zone is None or zone.city_id != city_id:
            return False
        changed = await self._repo.deactivate(zone_id)
        await self._s.commit()
        await self._redis.delete(f"zones:{city_id}:{zone.kind.value}", "zones:active:v2")
        return changed

    async def save(self, zone: Zone) -> Zone:
        validate_polygon(zone.polygon_wkt)
        saved = await self._repo.upsert(zone)
        await self._s.commit()
        await self._redis.delete(f"zones:{zone.city_id}:{zone.kind.value}", "zones:active:v2")
        return saved
