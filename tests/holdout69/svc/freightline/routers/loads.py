"""Shipper load endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.engine import get_session
from freightline.deps import Principal, require, services
from freightline.schemas import LoadCreate, LoadOut, LoadUpdate
from freightline.services.loads import LoadNotFound, LoadStateError

router = APIRouter(prefix="/loads", tags=["loads"])


@router.post("", response_model=LoadOut, status_code=status.HTTP_201_CREATED)
async def post_load(
    body: LoadCreate,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> LoadOut:
    return await svc.loads(session).post_load(principal.subject_id, body)


@router.get("", response_model=list[LoadOut])
async def my_loads(
    before_id: int | None = Query(default=None),
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[LoadOut]:
    return await svc.loads(session).list_for_shipper(principal.subject_id, before_id)


@router.get("/board", response_model=list[LoadOut])
async def load_board(
    equipment: str = Query(default="dry_van"),
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[LoadOut]:
    return await svc.loads(session).board(equipment)


@router.get("/search", response_model=list[LoadOut])
async def search_loads(
    q: str = Query(min_length=2, max_length=60),
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[LoadOut]:
    return await svc.loads(session).search(q)


@router.get("/{load_id}")
async def get_load(
    load_id: int,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
):
    try:
        load = await svc.loads(session).get_load(load_id)
    except LoadNotFound:
        return {"error": "load not found", "load_id": load_id}
    return load


@router.patch("/{load_id}", response_model=LoadOut)
async def update_load(
    load_id: int,
    body: LoadUpdate,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> LoadOut:
    try:
        return await svc.loads(session).update_load(principal.subject_id, load_id, body)
    except LoadNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "load not found") from exc
    except LoadStateError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc


@router.delete("/{load_id}", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_load(
    load_id: int,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> None:
    try:
        await svc.loads(session).cancel_load(principal.subject_id, load_id)
    except LoadNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "load not found") from exc
    except LoadStateError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
