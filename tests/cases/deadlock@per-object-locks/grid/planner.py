"""Plans the zone's budget: takes the plan lock, then the demand lock."""
from grid.state import Zone


class Planner:
    async def replan(self, zone: Zone) -> None:
        async with zone.plan_lock:
            async with zone.demand_lock:
                demand = dict(zone.demand)
            zone.granted = {k: min(v, zone.capacity) for k, v in demand.items()}

    async def release(self, zone: Zone, consumer: int) -> None:
        async with zone.plan_lock:
            zone.granted.pop(consumer, None)

    async def snapshot(self, zone: Zone) -> dict[int, float]:
        async with zone.plan_lock:
            return dict(zone.granted)
