from fleet import locking


async def assign(vehicle_id: str, depot_id: str, store) -> None:
    async with locking.depot(depot_id):
        async with locking.vehicle(vehicle_id):  # expect: deadlock
            await store.assign(vehicle_id, depot_id)


async def service(vehicle_id: str, depot_id: str, store) -> None:
    async with locking.vehicle(vehicle_id):
        async with locking.depot(depot_id):  # (the order the registries are declared in)
            await store.service(vehicle_id, depot_id)
