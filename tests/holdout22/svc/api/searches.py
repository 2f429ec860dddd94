"""Saved searches for tenants."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from svc.api.deps import User
from svc.services import search_alerts

router = APIRouter(prefix="/saved-searches", tags=["saved-searches"])


class SavedSearchIn(BaseModel):
    criteria: dict[str, Any]
    frequency: Literal["daily", "weekly"] = "daily"


@router.post("", status_code=201)
async def create(body: SavedSearchIn, user: User) -> dict[str, int]:
    return {"id": await search_alerts.save_search(user.id, body.criteria, body.frequency)}


@router.get("")
async def list_mine(user: User) -> list[dict[str, Any]]:
    rows = await search_alerts.searches_for_user(user.id)
    return [{"id": r["id"], "criteria": r["criteria"], "frequency": r["alert_frequency"]} for r in rows]


@router.delete("/{search_id}", status_code=204)
async def delete(search_id: int, user: User) -> None:
    if not await search_alerts.delete_search(user.id, search_id):
        raise HTTPException(status_code=404, detail="saved search not found")
