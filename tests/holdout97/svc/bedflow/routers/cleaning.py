from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import get_container, get_session
from ..errors import Conflict
from ..schemas import PinLogin

router = APIRouter(prefix="/cleaning", tags=["cleaning"])


@router.post("/login")
async def handheld_login(body: PinLogin, container: Container = Depends(get_container)) -> dict[str, str]:
    if not await container.device_auth.verify_pin(body.housekeeper_id, body.pin):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid PIN")
    return {"housekeeper_id": body.housekeeper_id}


@router.get("/{housekeeper_id}/tasks")
async def my_tasks(
    housekeeper_id: str,
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await container.cleaning(session).tasks_for(housekeeper_id)


@router.post("/tasks/{task_id}/claim")
async def claim(
    task_id: int,
    housekeeper_id: str,
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    try:
        task = await container.cleaning(session).claim(task_id, housekeeper_id)
    except Conflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"task_id": task.id}


@router.post("/tasks/{task_id}/complete", status_code=204)
async def complete(
    task_id: int,
    housekeeper_id: str,
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> None:
    await container.cleaning(session).complete(task_id, housekeeper_id)
