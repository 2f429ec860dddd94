"""Assigning vehicles to jobs: depot first, then vehicle."""
from fleet.services.locks import depot_lock, depots_lock, vehicle_lock


class Dispatcher:
    def __init__(self) -> None:
        self.assigned: dict[int, str] = {}

    async def assign(self, depot: str, vehicle_id: int, job: str) -> None:
        async with depot_lock(depot):
            async with vehicle_lock(vehicle_id):
                self.assigned[vehicle_id] = job

    async def transfer(self, src: str, dst: str, vehicle_id: int) -> None:
        async with depots_lock(src, dst), vehicle_lock(vehicle_id):
            self.assigned.pop(vehicle_id, None)
