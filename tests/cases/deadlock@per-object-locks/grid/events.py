"""Consumer events: take the demand lock, and release the consumer's budget inside it."""
from grid.planner import Planner
from grid.state import Zone


class EventHandler:
    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    async def on_stop(self, zone: Zone, consumer: int) -> None:
        async with zone.demand_lock:  # expect: deadlock
            zone.demand.pop(consumer, None)
            await self._planner.release(zone, consumer)

    async def on_start(self, zone: Zone, consumer: int, kw: float) -> None:
        async with zone.demand_lock:
            zone.demand[consumer] = kw
        await self._planner.release(zone, consumer)

    async def compare(self, first: Zone, second: Zone) -> bool:
        """Two zones' demand locks, one after the other: two objects, no re-entry."""
        async with first.demand_lock:
            async with second.demand_lock:
                return first.demand == second.demand
