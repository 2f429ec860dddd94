"""Landlord dashboard: portfolio overview, applicant lists and live updates."""
from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
from typing import Annotated, Any
from uuid import UUID

import jwt
from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect, status

from svc.api.deps import Landlord, Session, application_service, screening_service, signing_key
from svc.cache import redis_holder
from svc.config import settings
from svc.db import applications_repo, listings_repo
from svc.db.models import Listing
from svc.db.engine import replica_session
from svc.realtime.hub import DashboardConnection, DashboardHub
from svc.services.applications import ApplicationService
from svc.services.screening import ScreeningService

log = logging.getLogger(__name__)

router = APIRouter(prefix="/landlord", tags=["landlord"])
Applications = Annotated[ApplicationService, Depends(application_service)]
Screening = Annotated[ScreeningService, Depends(screening_service)]


@router.get("/portfolio")
async def portfolio(user: Landlord, session: Session) -> list[dict[str, Any]]:
    listings = await listings_repo.listings_for_landlord(user.id)
    overview: list[dict[str, Any]] = []
    for listing in listings:
        pending = await applications_repo.applications_by_status(session, listing["id"], "submitted")
        overview.append({"id": listing["id"], "title": listing["title"], "status": listing["status"], "pending": len(pending)})
    return overview


@router.get("/listings/{listing_id}/applications")
async def listing_applications(listing_id: int, user: Landlord, session: Session, screening: Screening) -> list[dict[str, Any]]:
    applications = await applications_repo.applications_for_listing(session, listing_id)
    scores = await screening.report_scores_batched(applications)
    return [
        {
            "id": str(a.id),
            "applicant": a.applicant.full_name,
            "identity": a.applicant.identity_status,
            "documents": len(a.documents),
            "status": a.status,
            "score": scores.get(a.id),
        }
        for a in applications
    ]


@router.get("/listings/{listing_id}/scores")
async def listing_scores(listing_id: int, user: Landlord, session: Session, screening: Screening) -> dict[str, int]:
    applications = await applications_repo.applications_by_status(session, listing_id, "screened")
    scores = await screening.report_scores(applications)
    return {str(k): v for k, v in scores.items()}


@router.get("/listings/{listing_id}/traffic")
async def traffic(listing_id: int, user: Landlord, days: int = 30) -> dict[str, Any]:
    async with replica_session() as session:
        listing = await session.get(Listing, listing_id)
    if listing is None or listing.landlord_id != user.id:
        return {"listing_id": listing_id, "daily": [], "referrers": {}}
    daily = await listings_repo.daily_view_counts(listing_id, days)
    referrers: dict[str, int] = {}
    views = [dict(v) for v in await listings_repo.view_history(listing_id)]
    for view in copy.deepcopy(views):
        ref = view["referrer"] or "direct"
        referrers[ref] = referrers.get(ref, 0) + 1
    return {"listing_id": listing_id, "daily": [dict(r) for r in daily], "referrers": referrers}


@router.post("/applications/{application_id}/approve")
async def approve(application_id: UUID, user: Landlord, session: Session, service: Applications, request: Request) -> dict[str, str]:
    application = await service.approve(session, application_id)
    hub: DashboardHub = request.app.state.hub
    hub.broadcast_to(user.id, {"type": "approved", "application_id": str(application_id)})
    return {"id": str(application.id), "status": "approved"}


@router.get("/live/stats")
async def live_stats(user: Landlord, request: Request) -> dict[str, int]:
    hub: DashboardHub = request.app.state.hub
    return await hub.stats(redis_holder.cache)


@router.websocket("/live")
async def dashboard_socket(websocket: WebSocket, token: str) -> None:
    try:
        key = await asyncio.to_thread(signing_key)
        claims = jwt.decode(token, key, algorithms=["RS256"], audience="rentals")
    except jwt.PyJWTError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if claims.get("role") != "landlord":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: DashboardHub = websocket.app.state.hub
    conn = DashboardConnection(landlord_id=UUID(claims["sub"]), websocket=websocket)
    await websocket.accept()
    if not await hub.register(conn):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    sender = asyncio.create_task(_drain(conn), name="dashboard-sender")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if message == "ping":
                with contextlib.suppress(asyncio.QueueFull):
                    conn.outbox.put_nowait({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        await hub.unregister(conn)


async def _drain(conn: DashboardConnection) -> None:
    try:
        while True:
            payload = await conn.outbox.get()
            await asyncio.wait_for(conn.websocket.send_json(payload), timeout=5.0)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.info("dashboard sender for %s stopped", conn.landlord_id, exc_info=True)
        with contextlib.suppress(Exception):
            await conn.websocket.close(code=status.WS_1011_INTERNAL_ERROR)
