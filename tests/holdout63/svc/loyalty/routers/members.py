from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from sqlalchemy.dialects.postgresql import insert

from loyalty.db.models import DeviceToken
from loyalty.deps import MemberDep, SessionDep, StaffDep, services
from loyalty.repositories.members_repo import MemberNotFound
from loyalty.services.ledger import InsufficientPoints

router = APIRouter(prefix="/v1/members", tags=["members"])


class DisplayNameIn(BaseModel):
    display_name: str = Field(min_length=1, max_length=120)


@router.get("/me")
async def me(request: Request, principal: MemberDep, session: SessionDep, theme: str = "light") -> dict[str, Any]:
    try:
        return await services(request).members.profile(session, principal.member_id, theme)
    except MemberNotFound as exc:
        raise HTTPException(404, "member not found") from exc


@router.get("/me/balance")
async def my_balance(request: Request, principal: MemberDep, session: SessionDep) -> dict[str, Any]:
    return await services(request).members.balance(session, principal.member_id)


@router.get("/me/history")
async def my_history(request: Request, principal: MemberDep, session: SessionDep,
                     before_id: int | None = Query(default=None)) -> list[dict[str, Any]]:
    return await services(request).members.history(session, principal.member_id, before_id)


@router.get("/me/purchases")
async def my_purchases(request: Request, principal: MemberDep) -> list[dict[str, Any]]:
    return await services(request).members.recent_purchases(principal.member_id)


@router.put("/me/display-name", status_code=204)
async def rename(request: Request, principal: MemberDep, session: SessionDep, body: DisplayNameIn) -> None:
    await services(request).members.change_display_name(session, principal.member_id, body.display_name)


@router.get("/search")
async def search(request: Request, _: StaffDep, q: str = Query(min_length=3, max_length=64)) -> list[dict[str, Any]]:
    return await services(request).members.search(q)


@router.post("/{member_id}/transfer")
async def transfer(request: Request, member_id: int, principal: MemberDep, points: int = Query(gt=0)) -> dict[str, str]:
    try:
        await services(request).ledger.transfer(principal.member_id, member_id, points)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    except InsufficientPoints as exc:
        raise HTTPException(409, "not enough points") from exc
    await services(request).members.forget_balance(principal.member_id, member_id)
    return {"status": "ok"}


class DeviceIn(BaseModel):
    token: str = Field(min_length=16, max_length=255)
    platform: str = Field(pattern="^(ios|android)$")


@router.post("/me/devices", status_code=204)
async def register_device(principal: MemberDep, session: SessionDep, body: DeviceIn) -> None:
    stmt = (
        insert(DeviceToken)
        .values(member_id=principal.member_id, token=body.token, platform=body.platform)
        .on_conflict_do_update(index_elements=[DeviceToken.token],
                               set_={"member_id": principal.member_id, "platform": body.platform})
    )
    await session.execute(stmt)
    await session.commit()


@router.get("/me/export")
async def export_my_data(request: Request, principal: MemberDep, session: SessionDep) -> dict[str, Any]:
    return await services(request).members.personal_data(session, principal.member_id)


@router.delete("/me/vouchers/{voucher_id}")
async def cancel_my_voucher(request: Request, voucher_id: int, principal: MemberDep) -> dict[str, int]:
    try:
        refunded = await services(request).vouchers.cancel(principal.member_id, voucher_id)
    except LookupError as exc:
        raise HTTPException(404, "voucher not found") from exc
    return {"refunded": refunded}


def _validate_period(year: int, month: int) -> None:
    today = date.today()
    if not 1 <= month <= 12 or year < 2015 or (year, month) >= (today.year, today.month):
        raise HTTPException(422, "statement period must be a closed month")


@router.post("/me/statements/{year}/{month}", status_code=201)
async def create_statement(request: Request, year: int, month: int, principal: MemberDep,
                           session: SessionDep) -> dict[str, str]:
    _validate_period(year, month)
    statement = await services(request).statements.export(session, principal.member_id, year, month)
    return {"period": statement.period}


@router.get("/me/statements/{year}/{month}")
async def download_statement(request: Request, year: int, month: int, principal: MemberDep) -> Response:
    _validate_period(year, month)
    data = await services(request).statements.load(principal.member_id, year, month)
    if data is None:
        raise HTTPException(404, "statement not generated yet")
    return Response(data, media_type="text/csv", headers={"Content-Encoding": "gzip"})
