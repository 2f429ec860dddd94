"""In-process amenity index, refreshed by the catalog importer."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class AmenityIndex:
    _amenities: dict[int, list[str]] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)

    def put(self, property_id: int, amenities: list[str], name: str) -> None:
        self._amenities[property_id] = amenities
        self._names[property_id] = name

    def amenities(self, property_id: int) -> list[str]:
        return self._amenities.get(property_id, [])  # expect: cache-misuse

    def amenities_copy(self, property_id: int) -> list[str]:
        return list(self._amenities.get(property_id, ()))

    def name(self, property_id: int) -> str:
        return self._names.get(property_id, "")
