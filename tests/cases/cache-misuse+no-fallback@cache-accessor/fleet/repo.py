"""A stand-in for the fleet database."""
from __future__ import annotations


class FleetRepo:
    async def eta_rows(self, depot: str) -> dict:
        return {"depot": depot}

    async def driver_row(self, driver_id: int) -> dict:
        return {"id": driver_id}

    async def route_row(self, route_id: int) -> dict:
        return {"id": route_id}
