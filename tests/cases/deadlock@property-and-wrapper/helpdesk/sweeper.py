"""Closes idle connections; takes the hub's locks through its properties."""
import time

from helpdesk.hub import Hub


class IdleSweeper:
    def __init__(self, hub: Hub, max_idle: float = 60.0) -> None:
        self._hub = hub
        self._max_idle = max_idle

    async def sweep_once(self) -> int:
        now = time.monotonic()
        closed = 0
        async with self._hub.presence_lock:
            idle = [uid for uid, seen in self._hub.last_seen.items() if now - seen > self._max_idle]
            for user_id in idle:
                async with self._hub.registry_lock:  # expect: deadlock
                    closed += len(self._hub.connections.pop(user_id, set()))
        return closed

    async def sweep_in_order(self) -> int:
        """Takes registry before presence, as `Hub.register` does: no cycle."""
        closed = 0
        async with self._hub.registry_lock:
            async with self._hub.presence_lock:
                for user_id in list(self._hub.last_seen):
                    closed += len(self._hub.connections.pop(user_id, set()))
        return closed
