from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from loyalty.deps import MemberDep, SessionDep, services
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.rewards_repo import RewardsRepository
from loyalty.services.redemption import RedemptionError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/rewards", tags=["rewards"])

ERROR_STATUS = {
    "not_found": 404,
    "tier": 403,
    "blocked": 403,
    "insufficient": 409,
    "out_of_stock": 409,
    "rate_limited": 429,
    "pin": 401,
    "partner": 502,
}


class InStoreRedeemIn(BaseModel):
    pin: str = Field(min_length=4, max_length=8, pattern=r"^\d+$")


@router.get("")
async def list_rewards(request: Request, principal: MemberDep, session: SessionDep) -> list[dict[str, Any]]:
    member = await MembersRepository(session).get_by_id(principal.member_id)
    own = await RewardsRepository(session).list_for_region(member.region)
    partner_items = await services(request).catalog.get(member.region)
    for item in partner_items:
        item["affordable"] = item.get("cost_points", 0) <= member.points_balance
    return [
        {"id": r.id, "sku": r.sku, "title": r.title, "cost": r.cost_points, "affordable": r.cost_points <= member.points_balance}
        for r in own
    ] + partner_items


@router.post("/{reward_id}/voucher")
async def redeem_voucher(request: Request, reward_id: int, principal: MemberDep) -> dict[str, Any]:
    try:
        result = await services(request).redemption.redeem_partner_voucher(principal.member_id, reward_id)
    except RedemptionError as exc:
        raise HTTPException(ERROR_STATUS.get(exc.code, 400), detail={"code": exc.code, "message": str(exc)}) from exc
    return {"voucher_id": result.voucher_id, "code": result.code, "balance": result.balance}


@router.post("/{reward_id}/in-store")
async def redeem_in_store(request: Request, reward_id: int, principal: MemberDep, body: InStoreRedeemIn):
    try:
        result = await services(request).redemption.redeem_in_store(principal.member_id, reward_id, body.pin)
    except RedemptionError as exc:
        return JSONResponse({"ok": False, "error": str(exc)}, status_code=200)
    return {"ok": True, "balance": result.balance}
