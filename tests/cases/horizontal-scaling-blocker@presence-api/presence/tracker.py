"""Which staff members are connected, for the "host is online" badge."""
from __future__ import annotations


class PresenceTracker:
    def __init__(self) -> None:
        self._online: dict[int, int] = {}  # expect: horizontal-scaling-blocker

    def seen(self, staff_id: int) -> None:
        self._online[staff_id] = self._online.get(staff_id, 0) + 1

    def gone(self, staff_id: int) -> None:
        left = self._online.get(staff_id, 1) - 1
        if left <= 0:
            self._online.pop(staff_id, None)
        else:
            self._online[staff_id] = left

    def is_online(self, staff_id: int) -> bool:
        return staff_id in self._online


class SocketRegistry:
    """Local sockets of this process; messages reach them through a shared pub/sub channel."""

    def __init__(self) -> None:
        self._sockets: dict[int, int] = {}

    def add(self, staff_id: int) -> None:
        self._sockets[staff_id] = self._sockets.get(staff_id, 0) + 1

    def remove(self, staff_id: int) -> None:
        self._sockets.pop(staff_id, None)

    def _connected(self, staff_id: int) -> bool:
        return staff_id in self._sockets
