"""Recipe endpoints: versioned upload, activation, download to a tool."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import Response

from fabline.core.deps import get_recipe_service
from fabline.core.errors import RecipeParseError
from fabline.core.security import require_operator
from fabline.services.recipe_service import RecipeService
from fabline.services.storage import read_recipe_file

router = APIRouter(prefix="/recipes", tags=["recipes"])
logger = logging.getLogger(__name__)
MAX_RECIPE_BYTES = 4 * 1024 * 1024


@router.post("/{name}")
async def upload_recipe(
    name: str,
    file: UploadFile = File(...),
    user: str = Depends(require_operator),
    svc: RecipeService = Depends(get_recipe_service),
) -> dict:
    body = await file.read(MAX_RECIPE_BYTES + 1)
    if len(body) > MAX_RECIPE_BYTES:
        raise HTTPException(413, "recipe too large")
    try:
        return await svc.upload(name, body, user)
    except Exception:
        raise HTTPException(400, "invalid recipe file")


@router.get("/{name}/{version}/raw")
def download_raw(name: str, version: int) -> Response:
    """Engineering download. Sync def on purpose: runs in the threadpool."""
    try:
        data = read_recipe_file(name, version)
    except FileNotFoundError as exc:
        raise HTTPException(404, "recipe body missing") from exc
    return Response(data, media_type="application/octet-stream")


@router.get("/{name}/{version}")
async def get_recipe(name: str, version: int, svc: RecipeService = Depends(get_recipe_service)) -> Response:
    data = await svc.body(name, version)
    return Response(data, media_type="application/octet-stream")


@router.post("/{name}/{version}/activate/{tool_id}")
async def activate(
    name: str,
    version: int,
    tool_id: int,
    user: str = Depends(require_operator),
    svc: RecipeService = Depends(get_recipe_service),
) -> dict:
    await svc.activate_on_tool(name, version, tool_id, user)
    return {"active": f"{name}@{version}", "tool_id": tool_id}


@router.post("/{name}/{version}/download/{tool_name}")
async def download_to_tool(
    name: str,
    version: int,
    tool_name: str,
    user: str = Depends(require_operator),
    svc: RecipeService = Depends(get_recipe_service),
) -> dict:
    try:
        await svc.download_to_tool(name, version, tool_name)
    except RecipeParseError as exc:
        logger.warning("recipe %s@%s rejected by %s: %s", name, version, tool_name, exc)
        raise
    return {"downloaded": f"{name}.{version}", "tool": tool_name, "by": user}
