import uuid

TRIPS: dict[uuid.UUID, dict] = {}


async def active_trip(rider_id: uuid.UUID) -> dict | None:
    return TRIPS.get(rider_id)


async def fleet_positions() -> list[dict]:
    return list(TRIPS.values())
