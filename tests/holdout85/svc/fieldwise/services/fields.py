from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.cache import FieldCache
from fieldwise.clients.geocode import reverse_geocode
from fieldwise.db.models import Field
from fieldwise.errors import IngestionError, NotFound
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.sensors import SensorRepository
from fieldwise.schemas.api import FieldIn, FieldOut
from fieldwise.services.container import Services
from fieldwise.utils import geo

log = get_logger(__name__)


def _to_out(field: Field) -> FieldOut:
    return FieldOut(
        id=field.id, farm_id=field.farm_id, name=field.name, crop_type=field.crop_type,
        area_ha=field.area_ha, centroid_lat=field.centroid_lat, centroid_lon=field.centroid_lon,
    )


class FieldService:
    def __init__(self, session: AsyncSession, deps: Services) -> None:
        self._fields = FieldRepository(session)
        self._sensors = SensorRepository(session)
        self._cache = FieldCache(deps.redis)

    async def get(self, farm_id: int, field_id: int) -> FieldOut:
        cached = await self._cache.get(farm_id, field_id)
        if cached is not None:
            return FieldOut(**cached)
        field = await self._fields.get(field_id)
        if field is None or field.farm_id != farm_id:
            raise NotFound(f"field {field_id}")
        out = _to_out(field)
        await self._cache.put(farm_id, field_id, out.model_dump())
        return out

    async def create(self, farm_id: int, body: FieldIn) -> FieldOut:
        try:
            area = geo.area_hectares(body.boundary)
            lat, lon = geo.centroid(body.boundary)
        except Exception:
            raise IngestionError("boundary must be a GeoJSON Polygon")
        field = await self._fields.create(farm_id, body.name, body.boundary, area, lat, lon, body.crop_type)
        place = await reverse_geocode(lat, lon)
        log.info("field.created", field_id=field.id, farm_id=farm_id, place=place)
        return _to_out(field)

    async def update_boundary(self, farm_id: int, field_id: int, boundary: dict[str, Any]) -> FieldOut:
        field = await self._fields.get(field_id)
        if field is None or field.farm_id != farm_id:
            raise NotFound(f"field {field_id}")
        try:
            field.area_ha = geo.area_hectares(boundary)
            field.centroid_lat, field.centroid_lon = geo.centroid(boundary)
        except (KeyError, ValueError, TypeError) as exc:
            raise IngestionError(f"invalid boundary: {exc}") from exc
        field.boundary_geojson = boundary
        await self._cache.invalidate(farm_id, field_id)
        return _to_out(field)

    async def set_crop(self, farm_id: int, field_id: int, crop_type: str) -> FieldOut:
        field = await self._fields.get_by_id(field_id)
        if field is None or field.farm_id != farm_id:
            raise NotFound(f"field {field_id}")
        field.crop_type = crop_type
        self._cache.invalidate(farm_id, field_id)
        return _to_out(field)

    async def recompute_area(self, farm_id: int, field_id: int) -> float:
        field = await self._fields.get(field_id)
        if field is None or field.farm_id != farm_id:
            raise NotFound(f"field {field_id}")
        field.area_ha = await geo.area_hectares(field.boundary_geojson)
        return field.area_ha

    async def sensors(self, farm_id: int, field_id: int) -> list[dict[str, Any]]:
        await self.get(farm_id, field_id)
        return [
            {"id": s.id, "serial": s.serial, "kind": s.kind, "depth_cm": s.depth_cm}
            for s in await self._sensors.list_for_field(field_id)
        ]
