from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Environment
from ..deps import current_principal, environment_for, get_flag_service, get_session
from ..principal import Principal
from ..repositories.flags import FlagRepository
from ..services.flags import FlagService

router = APIRouter(prefix="/environments/{environment_id}/flags", tags=["flags"])


class FlagCreate(BaseModel):
    key: str
    description: str = ""
    default_variant: str = "off"
    variants: dict[str, Any] = {"on": True, "off": False}


class FlagPatch(BaseModel):
    description: str | None = None
    enabled: bool | None = None
    default_variant: str | None = None
    variants: dict[str, Any] | None = None
    rollout: dict[str, Any] | None = None


@router.get("")
async def list_flags(
    env: Environment = Depends(environment_for), flags: FlagService = Depends(get_flag_service)
) -> list[dict[str, Any]]:
    return await flags.list_flags_with_rules(env.id)


@router.get("/search")
async def search_flags(
    q: str = Query(min_length=2, max_length=64),
    env: Environment = Depends(environment_for),
    session: AsyncSession = Depends(get_session),
) -> list[str]:
    return [f.key for f in await FlagRepository(session).search(env.id, q)]


@router.get("/{key}")
async def get_flag(
    key: str, env: Environment = Depends(environment_for), session: AsyncSession = Depends(get_session)
) -> dict[str, Any]:
    flag = await FlagRepository(session).get_by_key(env.id, key)
    if flag is None:
        raise FlagNotFound(key)
    return {"key": flag.key, "enabled": flag.enabled, "version": flag.version, "rollout": flag.rollout}


@router.post("", status_code=201)
async def create_flag(
    body: FlagCreate,
    env: Environment = Depends(environment_for),
    principal: Principal = Depends(current_principal),
    flags: FlagService = Depends(get_flag_service),
) -> dict[str, Any]:
    flag = await flags.create_flag(
        env, body.key, principal, description=body.description,
        default_variant=body.default_variant, variants=body.variants,
    )
    return {"key": flag.key, "version": flag.version}


@router.patch("/{key}")
async def patch_flag(
    key: str,
    body: FlagPatch,
    env: Environment = Depends(environment_for),
    principal: Principal = Depends(current_principal),
    flags: FlagService = Depends(get_flag_service),
) -> dict[str, Any]:
    changes = body.model_dump(exclude_none=True)
    flag = await flags.update_flag(env, key, changes, principal)
    return {"key": flag.key, "version": flag.version, "enabled": flag.enabled}


@router.delete("/{key}", status_code=204)
async def archive_flag(
    key: str,
    env: Environment = Depends(environment_for),
    principal: Principal = Depends(current_principal),
    flags: FlagService = Depends(get_flag_service),
) -> None:
    await flags.archive_flag(env, key, principal)
