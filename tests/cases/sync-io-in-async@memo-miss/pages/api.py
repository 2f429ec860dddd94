"""Page endpoints."""
from __future__ import annotations

from fastapi import APIRouter

from pages.assets import bundle_for, manifest_text, purge

router = APIRouter()


@router.get("/pages/{theme}")
async def page(theme: str) -> dict[str, str]:
    return {"bundle": bundle_for(theme), "manifest": manifest_text(theme)}


@router.delete("/pages/{theme}/cache")
async def drop_cache(theme: str) -> dict[str, str]:
    purge(theme)
    return {"theme": theme}
