import hmac
import logging
from uuid import UUID

import aiohttp
from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel

from svc.api.deps import get_payout_service, require_role
from svc.services.payouts import PayoutService, PayoutView

logger = logging.getLogger(__name__)

router = APIRouter(tags=["payouts"])


class PayoutRequest(BaseModel):
    account_id: UUID


class SettlementNotice(BaseModel):
    end_to_end_id: str
    status: str


@router.post("/claims/{claim_id}/payouts", status_code=202, dependencies=[Depends(require_role("supervisor"))])
async def pay_claim(
    claim_id: UUID,
    body: PayoutRequest,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=128),
    service: PayoutService = Depends(get_payout_service),
) -> PayoutView:
    return await service.pay_claim(claim_id, body.account_id, idempotency_key)


@router.get("/payouts/{bank_reference}/status", dependencies=[Depends(require_role("supervisor", "finance"))])
async def payout_status(bank_reference: str, service: PayoutService = Depends(get_payout_service)) -> dict[str, str]:
    try:
        state = await service.transfer_status(bank_reference)
    except aiohttp.ClientError:
        return {"reference": bank_reference, "status": "unknown"}
    return {"reference": bank_reference, "status": state}


@router.post("/webhooks/bank/settlement", status_code=204)
async def bank_settlement(
    request: Request,
    notice: SettlementNotice,
    signature: str = Header(..., alias="X-Bank-Signature"),
    service: PayoutService = Depends(get_payout_service),
) -> None:
    expected = hmac.new(request.app.state.bank_webhook_secret, await request.body(), "sha256").hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise HTTPException(status_code=401, detail="bad signature")
    if notice.status != "BOOKED":
        return
    payout = await service.settle_from_bank(notice.end_to_end_id)
    if payout is None:
        logger.warning("settlement notice for unknown reference %s", notice.end_to_end_id)
