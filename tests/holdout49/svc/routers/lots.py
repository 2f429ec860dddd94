from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from svc.repos.lots import LotRepo
from svc.routers.deps import SessionDep, seller_user
from svc.services.activity import recent
from svc.routers.deps import UserDep
from svc.db.engine import sessionmaker
from svc.services.auctions import AuctionService, WatchlistService
from svc.services.payouts import PayoutAdjustments

router = APIRouter(prefix="/lots", tags=["lots"])


class LotEdit(BaseModel):
    title: str | None = Field(default=None, min_length=3, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)


class LotIn(BaseModel):
    title: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=20_000)
    category: str
    starting_price: str
    reserve_price: str | None = None
    starts_at: datetime
    ends_at: datetime


def _service(request: Request, session: SessionDep) -> AuctionService:
    state = request.app.state
    return AuctionService(session, state.lot_cache, state.profile_cache, state.currency)


ServiceDep = Annotated[AuctionService, Depends(_service)]


@router.get("")
async def browse(svc: ServiceDep, category: str | None = None, page: int = Query(0, ge=0, le=200)) -> list[dict]:
    return await svc.browse(category, page)


def _watchlist(request: Request, session: SessionDep) -> WatchlistService:
    return WatchlistService(session, request.app.state.redis)


WatchDep = Annotated[WatchlistService, Depends(_watchlist)]


@router.get("/watchlist")
async def my_watchlist(user: UserDep, svc: WatchDep) -> list[dict]:
    return await svc.list(user["sub"])


@router.put("/{lot_id}/watch", status_code=status.HTTP_204_NO_CONTENT)
async def watch(lot_id: int, user: UserDep, svc: WatchDep) -> None:
    try:
        await svc.watch(user["sub"], lot_id)
    except ValueError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc


@router.delete("/{lot_id}/watch", status_code=status.HTTP_204_NO_CONTENT)
async def unwatch(lot_id: int, user: UserDep, svc: WatchDep) -> None:
    await svc.unwatch(user["sub"], lot_id)


@router.patch("/{lot_id}")
async def edit(lot_id: int, body: LotEdit, request: Request, svc: WatchDep,
               user: Annotated[dict, Depends(seller_user)]) -> dict:
    updated = await svc.edit(lot_id, user["sub"], body.title, body.description, request.app.state.lot_cache)
    if not updated:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "lot not found or already open")
    return {"updated": True}


@router.get("/featured")
async def featured(session: SessionDep) -> list[dict[str, Any]]:
    lots = await LotRepo(session).featured()
    return [{"id": lot.id, "title": lot.title, "ends_at": lot.ends_at.isoformat()} for lot in lots]


@router.get("/activity")
async def activity() -> list[dict[str, Any]]:
    return recent()


@router.get("/{lot_id}")
async def detail(lot_id: int, svc: ServiceDep, currency: str = "EUR") -> dict:
    summary = await svc.detail(lot_id, currency)
    if summary is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "lot not found")
    return summary


@router.post("", status_code=status.HTTP_201_CREATED)
async def create(body: LotIn, svc: ServiceDep, user: Annotated[dict, Depends(seller_user)]) -> dict:
    try:
        lot_id = await svc.create(user["sub"], body.title, body.description, body.category,
                                  body.starting_price, body.reserve_price, body.starts_at, body.ends_at)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": lot_id}


@router.delete("/{lot_id}")
async def cancel(lot_id: int, svc: ServiceDep, user: Annotated[dict, Depends(seller_user)]) -> dict:
    try:
        ok = await svc.cancel(lot_id, user["sub"])
    except ValueError as exc:
        return {"error": str(exc)}
    if not ok:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "lot not found")
    return {"cancelled": True}


@router.get("/sellers/me/statement")
async def my_statement(user: Annotated[dict, Depends(seller_user)]) -> dict:
    return await PayoutAdjustments(sessionmaker()).statement(user["sub"])


@router.get("/sellers/{seller_id}")
async def seller_page(seller_id: int, svc: ServiceDep) -> dict:
    return await svc.seller_page(seller_id)
