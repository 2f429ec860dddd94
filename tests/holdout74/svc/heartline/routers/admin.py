"""Trust-and-safety and operations endpoints (admin scope)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ..deps import AdminUser, Services
from ..settings import get_settings

router = APIRouter(prefix="/admin", tags=["admin"])


class Announcement(BaseModel):
    city: str
    title: str = Field(max_length=80)
    body: str = Field(max_length=240)


@router.get("/users/search")
async def search_users(admin: AdminUser, svc: Services, q: str = Query(..., min_length=2)) -> list[dict[str, Any]]:
    users = await svc.users.search(q)
    return [{"id": u.id, "name": u.display_name, "email": u.email, "hidden": u.is_hidden} for u in users]


@router.get("/users/{user_id}/reports")
async def user_reports(user_id: int, admin: AdminUser, svc: Services) -> list[dict[str, Any]]:
    reports = await svc.safety.repo.reports_against(user_id)
    return [
        {"id": r.id, "reporter": r.reporter_id, "reason": r.reason, "details": r.details, "at": r.created_at.isoformat()}
        for r in reports
    ]


@router.post("/announce")
async def announce(body: Announcement, admin: AdminUser, svc: Services) -> dict[str, int]:
    recipients = await svc.users.ids_in_city(body.city)
    delivered = await svc.notifications.broadcast(recipients, body.title, body.body)
    return {"recipients": len(recipients), "delivered": delivered}


@router.post("/campaigns")
async def campaign(body: Announcement, admin: AdminUser, svc: Services) -> dict[str, int]:
    recipients = await svc.users.ids_in_city(body.city)
    chunks = await svc.notifications.schedule_campaign(recipients, body.title, body.body)
    return {"recipients": len(recipients), "chunks": chunks}


@router.get("/moderation/labels")
def moderation_labels(admin: AdminUser) -> dict[str, Any]:
    path = Path(get_settings().moderation_labels_path)
    return json.loads(path.read_text(encoding="utf-8"))
