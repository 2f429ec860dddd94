"""Listing endpoints."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter

from app import repo

router = APIRouter()


@router.post("/listings/{listing_id}/views")
async def view(listing_id: int) -> None:
    await repo.record_view(listing_id)


@router.get("/listings/{listing_id}/views")
async def views(listing_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.view_history(listing_id)]


@router.get("/listings/{listing_id}/views/recent")
async def recent(listing_id: int) -> list[dict[str, Any]]:
    since = datetime.now(timezone.utc) - timedelta(days=7)
    return [dict(r) for r in await repo.recent_views(listing_id, since)]


@router.get("/listings/{listing_id}/notes")
async def notes(listing_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.notes(listing_id)]


@router.post("/listings/{listing_id}/notes")
async def add_note(listing_id: int, body: str) -> None:
    await repo.add_note(listing_id, body)


@router.put("/notes/{note_id}")
async def edit_note(note_id: int, body: str) -> None:
    await repo.edit_note(note_id, body)
