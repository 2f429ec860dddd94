from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import BaseModel, Field

from svc.deps import withdrawal_service
from svc.security import Principal, require_customer
from svc.services.withdrawal_service import WithdrawalRequest, WithdrawalService

log = logging.getLogger(__name__)

router = APIRouter(prefix="/withdrawals", tags=["withdrawals"])


class WithdrawalBody(BaseModel):
    chain: str = Field(pattern="^[a-z]{2,8}$")
    asset: str = Field(pattern="^[a-z0-9]{2,10}$")
    destination: str = Field(min_length=26, max_length=128)
    amount: str


class WithdrawalOut(BaseModel):
    id: int
    status: str
    amount: str
    fee: str
    asset: str
    destination: str
    txid: str | None = None


def _out(w) -> WithdrawalOut:
    return WithdrawalOut(
        id=w.id, status=w.status, amount=str(w.amount), fee=str(w.fee), asset=w.asset,
        destination=w.destination, txid=w.txid,
    )


@router.post("", response_model=WithdrawalOut, status_code=status.HTTP_202_ACCEPTED)
async def request_withdrawal(
    body: WithdrawalBody,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=64),
    principal: Principal = Depends(require_customer),
    service: WithdrawalService = Depends(withdrawal_service),
) -> WithdrawalOut:
    try:
        withdrawal = await service.request(
            principal, WithdrawalRequest(body.chain, body.asset, body.destination, body.amount, idempotency_key)
        )
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return _out(withdrawal)


@router.get("")
async def list_withdrawals(
    principal: Principal = Depends(require_customer),
    service: WithdrawalService = Depends(withdrawal_service),
) -> list[dict]:
    return await service.list_with_approvals(principal.customer_id)


@router.get("/{withdrawal_id}")
async def get_withdrawal(
    withdrawal_id: int,
    principal: Principal = Depends(require_customer),
    service: WithdrawalService = Depends(withdrawal_service),
):
    withdrawal = await service.repo.get(withdrawal_id)
    if withdrawal is None or withdrawal.customer_id != principal.customer_id:
        return {"error": "withdrawal not found"}
    return _out(withdrawal)


@router.delete("/{withdrawal_id}", response_model=WithdrawalOut)
async def cancel_withdrawal(
    withdrawal_id: int,
    principal: Principal = Depends(require_customer),
    service: WithdrawalService = Depends(withdrawal_service),
) -> WithdrawalOut:
    return _out(await service.cancel(principal, withdrawal_id))


@router.get("/limits/today")
async def daily_usage(
    principal: Principal = Depends(require_customer),
    service: WithdrawalService = Depends(withdrawal_service),
) -> dict[str, str]:
    used = await service.daily_usage(principal.customer_id)
    return {"used_usd": str(used), "limit_usd": str(service.settings.withdrawal_daily_limit)}
