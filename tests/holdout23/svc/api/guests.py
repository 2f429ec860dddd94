"""Guest CRM endpoints for group managers."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.pool import Database, get_session
from svc.deps import HostPrincipal, get_db, get_guest_service, require_host
from svc.repositories.orm import VisitHistoryRepository
from svc.repositories.reservations import ReservationRepository
from svc.services.guests import GuestService

router = APIRouter(prefix="/groups/{group_id}/guests", tags=["guests"])


def _check_group(host: HostPrincipal, group_id: int) -> None:
    if host.group_id != group_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a member of this group")


@router.get("/search")
async def search(group_id: int, q: str = Query(min_length=2, max_length=60), host: HostPrincipal = Depends(require_host), guests: GuestService = Depends(get_guest_service)) -> list[dict[str, Any]]:
    _check_group(host, group_id)
    return await guests.search(group_id, q)


@router.get("/by-email")
async def by_email(group_id: int, email: str, host: HostPrincipal = Depends(require_host), guests: GuestService = Depends(get_guest_service)) -> dict[str, Any]:
    _check_group(host, group_id)
    guest = await guests.by_email(group_id, email)
    if guest is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "guest not found")
    return guest


@router.post("/crm-export", status_code=202)
async def export_to_crm(group_id: int, host: HostPrincipal = Depends(require_host), guests: GuestService = Depends(get_guest_service)) -> dict[str, str]:
    _check_group(host, group_id)
    return {"file": await guests.export_for_crm(group_id)}


@router.get("/{guest_id}/visits")
async def visits(group_id: int, guest_id: int, host: HostPrincipal = Depends(require_host), session: AsyncSession = Depends(get_session)) -> list[dict[str, Any]]:
    _check_group(host, group_id)
    return await VisitHistoryRepository(session).recent_visits(guest_id)


@router.get("/{guest_id}/history")
async def history(
    group_id: int,
    guest_id: int,
    before: datetime | None = None,
    host: HostPrincipal = Depends(require_host),
    db: Database = Depends(get_db),
) -> list[dict[str, Any]]:
    _check_group(host, group_id)
    rows = await ReservationRepository(db).history_page(guest_id, before or datetime.now(timezone.utc))
    return [dict(r) for r in rows]
