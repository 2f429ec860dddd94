"""Album routes: one reads its manifest on the event loop, the others off it."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter

from gallery.manifests import load_archive, load_draft, load_manifest

router = APIRouter()


@router.get("/albums/{album_id}")
async def album(album_id: int) -> dict[str, Any]:
    return {"photos": load_manifest(album_id).get("photos", [])}


@router.get("/albums/{album_id}/archive")
async def archived_album(album_id: int) -> dict[str, Any]:
    return await asyncio.to_thread(load_archive, album_id)


@router.get("/albums/{album_id}/draft")
def draft_album(album_id: int) -> dict[str, Any]:
    return load_draft(album_id)
