"""Payout approval and payment-gateway webhooks."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status
from starlette.concurrency import run_in_threadpool

from svc.api.deps import PrincipalDep, SettingsDep, get_payouts, require_role, verify_webhook_signature
from svc.clients.external import SupervisorNotifier
from svc.errors import InvalidSignatureError
from svc.schemas import PayoutApproval
from svc.services.payouts import PayoutService

logger = logging.getLogger(__name__)

router = APIRouter(tags=["payouts"])
PayoutsDep = Annotated[PayoutService, Depends(get_payouts)]


@router.post("/claims/{claim_id}/payouts", status_code=status.HTTP_201_CREATED, dependencies=[require_role("payout_approver")])
async def approve_payout(claim_id: int, body: PayoutApproval, principal: PrincipalDep, payouts: PayoutsDep) -> dict[str, int]:
    return {"payout_id": await payouts.approve(claim_id, body.amount_cents, principal.actor)}


@router.post(
    "/claims/{claim_id}/supplements/{supplement_no}",
    status_code=status.HTTP_201_CREATED,
    dependencies=[require_role("payout_approver")],
)
async def approve_supplement(
    claim_id: int, supplement_no: int, body: PayoutApproval, principal: PrincipalDep, payouts: PayoutsDep
) -> dict[str, int]:
    return {"payout_id": await payouts.approve_supplement(claim_id, supplement_no, body.amount_cents, principal.actor)}


@router.get("/claims/{claim_id}/payouts/remaining", dependencies=[require_role("payout_approver")])
async def remaining_cover(claim_id: int, product_code: str, loss_type: str, payouts: PayoutsDep) -> dict[str, int]:
    return {"remaining_cents": await payouts.remaining_for_claim(claim_id, product_code, loss_type)}


@router.post("/payouts/batches/seal", dependencies=[require_role("finance_ops")])
async def seal_batch(payouts: PayoutsDep) -> dict[str, list[int]]:
    return {"sealed": await payouts.seal_batch()}


@router.post("/claims/{claim_id}/payouts/receipt", status_code=status.HTTP_202_ACCEPTED)
async def send_receipt(claim_id: int, request: Request, principal: PrincipalDep) -> dict[str, str]:
    body = await request.json()
    notifier: SupervisorNotifier = request.app.state.notifier
    await run_in_threadpool(notifier.send_payout_receipt, body["email"], body["claim_number"], int(body["amount_cents"]))
    return {"status": "sent"}


@router.post("/webhooks/payments", status_code=status.HTTP_200_OK)
async def payments_webhook(request: Request, settings: SettingsDep, payouts: PayoutsDep) -> dict[str, Any]:
    raw = await request.body()
    try:
        verify_webhook_signature(raw, request.headers.get("x-gateway-signature", ""), settings.payments_webhook_secret)
    except InvalidSignatureError:
        logger.warning("rejected payments webhook with bad signature from %s", request.client)
        raise
    event = json.loads(raw)
    try:
        applied = await payouts.apply_gateway_event(event)
    except KeyError:
        return {"status": "ignored"}
    return {"status": "applied" if applied else "duplicate"}
