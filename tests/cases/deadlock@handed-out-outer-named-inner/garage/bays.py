"""Bay occupancy: takes the bay's guard, then the tariff table."""
from .guards import audit_mutex, bay_lock, meter_lock, tariff_lock

TARIFFS: dict[str, int] = {}
OCCUPIED: dict[str, str] = {}
READINGS: dict[int, int] = {}


async def occupy(bay: str, plate: str) -> int:
    async with bay_lock(bay):
        async with tariff_lock:
            OCCUPIED[bay] = plate
            return TARIFFS.get(bay, 0)


async def record_reading(meter_id: int, value: int) -> None:
    # correct: the meter guard and the audit mutex are taken in this order everywhere
    async with meter_lock(meter_id):
        async with audit_mutex:
            READINGS[meter_id] = value
