"""Room type labels for the front desk."""
from __future__ import annotations

from .repo import GuestRepository


class RoomLabels:
    def __init__(self, repo: GuestRepository) -> None:
        self._repo = repo
        self._labels: dict[int, str] = {}  # expect: unbounded-cache

    async def label(self, room_id: int) -> str:
        label = self._labels.get(room_id)
        if label is None:
            row = await self._repo.room(room_id)
            floor = row.floor
            wing = row.wing
            label = f"{wing}-{floor}-{row.number}"
            self._labels[room_id] = label
        return label


labels = RoomLabels(GuestRepository())


class BoundedLabels:
    # correct: the dict is capped before every fill
    def __init__(self, repo: GuestRepository) -> None:
        self._repo = repo
        self._labels: dict[int, str] = {}

    async def label(self, room_id: int) -> str:
        label = self._labels.get(room_id)
        if label is None:
            row = await self._repo.room(room_id)
            floor = row.floor
            label = f"{row.wing}-{floor}"
            if len(self._labels) > 500:
                self._labels.clear()
            self._labels[room_id] = label
        return label


bounded = BoundedLabels(GuestRepository())
