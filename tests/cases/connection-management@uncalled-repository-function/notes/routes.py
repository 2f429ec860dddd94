from __future__ import annotations

from fastapi import APIRouter, Request

from notes.repos import archive, tags

router = APIRouter()


@router.put("/tags/{tag_id}")
async def rename(tag_id: int, name: str, request: Request) -> dict:
    await tags.rename_tag(request.app.state.pg, tag_id, name)
    return {"id": tag_id, "name": name}


@router.get("/archive/count")
async def archived(request: Request) -> dict:
    return {"count": await archive.count_archived(request.app.state.psycopg)}
