from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..dependencies import contract_service, current_user, fee_service
from ..models import User
from ..services.contracts import ContractService
from ..services.fees import FeeService

router = APIRouter(prefix="/contracts", tags=["contracts"])


class MilestoneSpec(BaseModel):
    title: str
    amount: Decimal = Field(gt=0)


class HireIn(BaseModel):
    proposal_id: int
    milestones: list[MilestoneSpec] = Field(min_length=1, max_length=20)


@router.post("", status_code=201)
async def hire(body: HireIn, user: User = Depends(current_user), svc: ContractService = Depends(contract_service)) -> dict[str, Any]:
    return await svc.hire(user, body.proposal_id, [m.model_dump() for m in body.milestones])


@router.get("")
async def list_contracts(
    status: str | None = None, user: User = Depends(current_user), svc: ContractService = Depends(contract_service)
) -> list[dict[str, Any]]:
    return await svc.list_for_user(user, status)


@router.get("/{contract_id}")
async def get_contract(
    contract_id: int, user: User = Depends(current_user), svc: ContractService = Depends(contract_service)
) -> dict[str, Any]:
    return await svc.get_for_user(contract_id, user)


@router.post("/{contract_id}/end", status_code=204)
async def end(contract_id: int, user: User = Depends(current_user), svc: ContractService = Depends(contract_service)) -> None:
    await svc.end_contract(contract_id, user)


@router.get("/fees/quote")
async def quote(
    amount: Decimal,
    currency: str = "USD",
    display_currency: str = "USD",
    user: User = Depends(current_user),
    fees: FeeService = Depends(fee_service),
) -> dict[str, str]:
    return await fees.quote(user.id, amount, currency, display_currency)
