"""Property pages."""
from __future__ import annotations

from catalog.index import AmenityIndex


class PropertyService:
    def __init__(self, index: AmenityIndex) -> None:
        self._index = index

    def badges(self, property_id: int) -> list[str]:
        badges = self._index.amenities(property_id)
        badges.append("Free cancellation")
        return badges

    def safe_badges(self, property_id: int) -> list[str]:
        badges = self._index.amenities_copy(property_id)
        badges.append("Free cancellation")
        return badges
