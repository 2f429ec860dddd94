from grid.locks import crew_lock, feeder_lock, outage_lock, truck_lock

OPEN: dict[int, set[int]] = {}


async def open_outage(feeder: int, crew: int) -> None:
    async with outage_lock:
        async with crew_lock:
            OPEN.setdefault(feeder, set()).add(crew)


async def reroute(feeder: int, truck: int) -> None:
    async with feeder_lock(feeder):
        async with truck_lock(truck):
            OPEN.setdefault(feeder, set()).add(truck)
