"""Back-office endpoints: pause sales, feature flags, cancellations, refunds."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from svc.api import deps
from svc.cache import DEFAULT_FLAGS, FLAGS_KEY, flags_redis
from svc.services.checkout import CheckoutService
from svc.services.events import CancellationService, sales_report
from svc.services.seatmap import SeatMapService

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(deps.admin_guard)])

PAUSED_EVENTS: set[int] = set()


class LayoutRefresh(BaseModel):
    event_ids: list[int]


class FlagUpdate(BaseModel):
    name: str
    enabled: bool


class Cancellation(BaseModel):
    reason: str


@router.post("/events/{event_id}/pause")
async def pause_sales(event_id: int) -> dict[str, object]:
    PAUSED_EVENTS.add(event_id)
    return {"event_id": event_id, "paused": True}


@router.post("/events/{event_id}/resume")
async def resume_sales(event_id: int) -> dict[str, object]:
    PAUSED_EVENTS.discard(event_id)
    return {"event_id": event_id, "paused": False}


@router.put("/flags")
def set_flag(update: FlagUpdate) -> dict[str, object]:
    if update.name not in DEFAULT_FLAGS:
        return {"updated": False, "reason": "unknown flag"}
    flags_redis.hset(FLAGS_KEY, update.name, "1" if update.enabled else "0")
    return {"updated": True}


@router.post("/events/{event_id}/cancel")
async def cancel_event(
    event_id: int, body: Cancellation, service: CancellationService = Depends(deps.cancellations)
) -> dict[str, int]:
    notified = await service.cancel_event(event_id, body.reason)
    return {"notified": notified}


@router.post("/venues/{venue_id}/layout")
async def refresh_layout(
    venue_id: int, body: LayoutRefresh, seatmaps: SeatMapService = Depends(deps.seatmap)
) -> dict[str, bool]:
    await seatmaps.refresh_layout(venue_id, body.event_ids)
    return {"refreshed": True}


@router.post("/events/{event_id}/reprice")
async def reprice(event_id: int, venue_id: int, seatmaps: SeatMapService = Depends(deps.seatmap)) -> dict[str, bool]:
    await seatmaps.reprice(event_id, venue_id)
    return {"repriced": True}


@router.get("/events/{event_id}/sales")
async def event_sales(event_id: int) -> list[dict[str, object]]:
    return await sales_report(event_id)


@router.post("/orders/{order_id}/refund")
async def refund_order(order_id: int, service: CheckoutService = Depends(deps.checkout)) -> dict[str, str]:
    return {"refund_id": await service.refund(order_id)}
