from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from homegrid.api.deps import current_principal, get_container, require_admin
from homegrid.container import Container
from homegrid.services.tariff_service import cheapest_window, price_bands
from homegrid.models import PriceSlot
from homegrid.models import Principal

router = APIRouter(prefix="/v1/tariffs", tags=["tariffs"])


@router.get("/{tariff_id}/prices/{day}", response_model=list[PriceSlot])
async def day_prices(
    tariff_id: UUID,
    day: date,
    _: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[PriceSlot]:
    return await container.tariffs.prices_for_day(tariff_id, day)


@router.post("/refresh/{day}")
async def refresh(
    day: date,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    updated = await container.tariffs.refresh_from_feed(day)
    return {"updated_slots": updated}


@router.get("/{tariff_id}/prices/{day}/cheapest")
async def cheapest(
    tariff_id: UUID,
    day: date,
    hours: float = Query(default=3.0, gt=0, le=12),
    _: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    slots = await container.tariffs.prices_for_day(tariff_id, day)
    window = cheapest_window(slots, int(hours * 2))
    return {
        "window": window.model_dump(mode="json") if window else None,
        "bands": {k: [t.isoformat() for t in v] for k, v in price_bands(slots).items()},
    }
