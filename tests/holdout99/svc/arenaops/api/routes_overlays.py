from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from arenaops.api.deps import get_container
from arenaops.container import Container

router = APIRouter(prefix="/overlays", tags=["overlays"])

THEMES = ("dark", "light", "broadcast")


@router.get("/{match_id}/scorebug", response_class=HTMLResponse)
async def scorebug(match_id: int, theme: str = "dark", container: Container = Depends(get_container)) -> str:
    if theme not in THEMES:
        theme = "dark"
    return await container.overlays.scorebug(match_id, theme)


@router.get("/{match_id}/strip", response_class=HTMLResponse)
async def strip(match_id: int, container: Container = Depends(get_container)) -> str:
    return await container.overlays.bracket_strip(match_id)
