from __future__ import annotations

from fastapi import APIRouter, Request

from .hub import AuditedHub, DashboardHub

router = APIRouter()


@router.post("/listings/{listing_id}/publish")
async def publish(listing_id: int, request: Request) -> dict:
    hub: DashboardHub = request.app.state.hub
    await hub.broadcast_to(listing_id, {"event": "published"})  # expect: wrong-call
    return {"ok": True}


@router.post("/listings/{listing_id}/archive")
async def archive(listing_id: int, request: Request) -> dict:
    hub: DashboardHub = request.app.state.hub
    await hub.broadcast(listing_id, {"event": "archived"})
    return {"ok": True}


@router.post("/listings/{listing_id}/audit")
async def audit(listing_id: int) -> dict:
    hub: DashboardHub = AuditedHub()  # the value's own type wins over the declared base
    await hub.broadcast_audited(listing_id, {"event": "audited"})
    return {"ok": True}
