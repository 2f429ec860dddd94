"""HTTP endpoints over the store."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from app.store import Store

router = APIRouter()


def get_store(request: Request) -> Store:
    return request.app.state.store


@router.get("/notes/export")
async def export_notes(since: str, store: Store = Depends(get_store)) -> list[dict]:
    return [dict(row) for row in await store.notes_since(since)]


@router.get("/notes")
async def notes(since: str, limit: int = 50, store: Store = Depends(get_store)) -> list[dict]:
    return [dict(row) for row in await store.notes_since_page(since, limit)]


@router.get("/teams/{team_id}/members")
async def team_members(team_id: int, store: Store = Depends(get_store)) -> list[dict]:
    return [dict(row) for row in await store.team_members(team_id)]


@router.get("/stats")
async def stats(store: Store = Depends(get_store)) -> dict:
    return {"notes": await store.note_count()}


@router.get("/admin/vector-indexes")
async def vector_indexes(limit: int = 20, offset: int = 0, store: Store = Depends(get_store)) -> list[dict]:
    return [dict(row) for row in await store.vector_indexes("public", limit, offset)]
