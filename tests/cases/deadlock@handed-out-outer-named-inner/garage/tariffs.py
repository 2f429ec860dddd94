"""Tariff reload: takes the tariff table, then each bay's guard (the opposite order)."""
from .bays import OCCUPIED, READINGS, TARIFFS
from .guards import audit_mutex, bay_lock, meter_lock, tariff_lock


async def reprice(new_rates: dict[str, int]) -> None:
    async with tariff_lock:
        for bay, rate in new_rates.items():
            async with bay_lock(bay):  # expect: deadlock
                if bay not in OCCUPIED:
                    TARIFFS[bay] = rate


async def audit_meter(meter_id: int) -> int:
    async with meter_lock(meter_id):
        async with audit_mutex:
            return READINGS.get(meter_id, 0)
