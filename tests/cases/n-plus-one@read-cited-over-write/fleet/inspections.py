from __future__ import annotations

from fleet.repo import VehicleRepo


async def sweep(repo: VehicleRepo, vehicles: list[dict]) -> list[str]:
    notes = []
    for vehicle in vehicles:
        await repo.mark_checked(vehicle["id"], "checked")
        depot = await repo.depot_of(vehicle["depot_id"])  # expect: n-plus-one
        notes.append(f"{vehicle['id']}@{depot['name']}")
    return notes


async def sweep_batched(repo: VehicleRepo, vehicles: list[dict]) -> list[str]:
    depots = await repo.depots([v["depot_id"] for v in vehicles])
    notes = []
    for vehicle in vehicles:
        notes.append(f"{vehicle['id']}@{depots[vehicle['depot_id']]['name']}")
    return notes
