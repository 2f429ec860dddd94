"""Manifests and tracking refreshes."""
from __future__ import annotations

from typing import Any

from app.carrier import CarrierClient
from app.repo import ParcelRepository


class ManifestService:
    def __init__(self, parcels: ParcelRepository, carrier: CarrierClient) -> None:
        self._parcels = parcels
        self._carrier = carrier

    async def manifest(self, parcel_ids: list[int]) -> list[Any]:
        lines = []
        for parcel_id in parcel_ids:
            parcel = await self._parcels.get(parcel_id)  # expect: n-plus-one
            lines.append(parcel["label"])
        return lines

    async def manifest_batched(self, parcel_ids: list[int]) -> list[Any]:
        rows = await self._parcels.get_many(parcel_ids)
        return [row["label"] for row in rows]

    async def scans(self, parcel_ids: list[int]) -> list[Any]:
        return [await self._parcels.last_scan(pid) for pid in parcel_ids]  # expect: n-plus-one

    async def refresh(self, references: list[str]) -> dict[str, Any]:
        found = {}
        for reference in references:
            found[reference] = await self._carrier.events(reference)  # expect: n-plus-one
        return found

    async def refresh_batched(self, references: list[str]) -> dict[str, Any]:
        return await self._carrier.events_bulk(references)
