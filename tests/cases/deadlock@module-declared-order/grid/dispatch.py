from grid.locks import crew_lock, feeder_lock, outage_lock, truck_lock
from grid.outages import OPEN


async def assign_crew(feeder: int, crew: int) -> None:
    async with crew_lock:
        async with outage_lock:  # expect: deadlock
            OPEN.setdefault(feeder, set()).discard(crew)


async def send_truck(feeder: int, truck: int) -> None:
    async with truck_lock(truck):
        async with feeder_lock(feeder):  # expect: deadlock
            OPEN.setdefault(feeder, set()).discard(truck)
