from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends

from ..container import Container
from ..deps import get_container, require_role
from ..middleware.auth import BoardUser
from ..repositories.census import CensusRepository

router = APIRouter(tags=["capacity"])


@router.get("/capacity")
async def capacity(container: Container = Depends(get_container)) -> dict:
    return await container.capacity().public_summary()


@router.post("/capacity/export")
async def export_capacity(
    user: BoardUser = Depends(require_role("bed_manager")),
    container: Container = Depends(get_container),
) -> dict[str, str]:
    path = await container.capacity().export_snapshot()
    return {"archived": path}


@router.get("/capacity/flow/{day}")
async def daily_flow(day: str, container: Container = Depends(get_container)) -> dict:
    return await container.capacity().daily_flow(day)


@router.get("/reports/movement/{day}")
async def movement(
    day: date,
    user: BoardUser = Depends(require_role("bed_manager")),
    container: Container = Depends(get_container),
) -> dict:
    return await container.census().movement_matrix(day)


@router.get("/reports/census/{day}")
async def census(
    day: date,
    user: BoardUser = Depends(require_role("bed_manager")),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await container.census().build_census(day)


@router.get("/reports/length-of-stay")
async def length_of_stay(
    since: date,
    user: BoardUser = Depends(require_role("bed_manager")),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await CensusRepository(container.pool, container.settings).length_of_stay_rows(since)
