"""Layout lookups cached per process: the layout only changes when bins are re-slotted."""
from __future__ import annotations

from .repo import LayoutRepository


class LayoutService:
    def __init__(self, repo: LayoutRepository) -> None:
        self._repo = repo
        self._aisle_bins: dict[str, list[int]] = {}
        self._capacity: dict[str, int] = {}
        self._labels: dict[str, list[str]] = {}

    async def aisle_bins(self, aisle: str) -> list[int]:
        if aisle not in self._aisle_bins:
            self._aisle_bins[aisle] = await self._repo.aisle_bins(aisle)
        return self._aisle_bins[aisle]  # expect: cache-misuse

    async def capacity(self, aisle: str) -> int:
        if aisle not in self._capacity:
            self._capacity[aisle] = await self._repo.aisle_capacity(aisle)
        return self._capacity[aisle]

    async def labels(self, zone: str) -> tuple[str, ...]:
        if zone not in self._labels:
            self._labels[zone] = await self._repo.zone_labels(zone)
        return tuple(self._labels[zone])
