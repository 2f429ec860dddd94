"""Taking a vehicle out of service: vehicle first, then its depot (the other order)."""
from fleet.services.locks import depot_lock, vehicle_lock


class VehicleService:
    def __init__(self) -> None:
        self.retired: set[int] = set()

    async def retire(self, depot: str, vehicle_id: int) -> None:
        async with vehicle_lock(vehicle_id):
            async with depot_lock(depot):  # the other order from Dispatcher.assign  # expect: deadlock
                self.retired.add(vehicle_id)
