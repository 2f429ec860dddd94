"""Plans, membership purchase and payment-provider webhooks."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, Request, status
from pydantic import BaseModel

from svc.deps import Principal, billing_service, current_principal
from svc.services.billing import BillingService

router = APIRouter(tags=["billing"])


class Purchase(BaseModel):
    plan_id: int
    promo_code: str | None = None


@router.get("/gyms/{gym_id}/plans")
async def plans(gym_id: int, billing: BillingService = Depends(billing_service)) -> list[dict[str, Any]]:
    return await billing.catalog(gym_id)


@router.get("/gyms/{gym_id}/plans/{plan_id}/quote")
async def quote(
    gym_id: int, plan_id: int, promo_code: str | None = None, billing: BillingService = Depends(billing_service)
) -> dict[str, Any]:
    return await billing.quote(gym_id, plan_id, promo_code)


@router.post("/memberships", status_code=status.HTTP_201_CREATED)
async def purchase(
    body: Purchase,
    principal: Principal = Depends(current_principal),
    billing: BillingService = Depends(billing_service),
) -> dict[str, Any]:
    return await billing.activate(
        member_id=principal.member_id, gym_id=principal.gym_id, plan_id=body.plan_id, promo_code=body.promo_code
    )


@router.post("/gyms/{gym_id}/trial-passes", status_code=status.HTTP_201_CREATED)
async def claim_trial(gym_id: int, billing: BillingService = Depends(billing_service)) -> dict[str, bool]:
    return {"granted": await billing.claim_trial_pass(gym_id)}


@router.get("/members/me/payments")
async def payment_history(
    principal: Principal = Depends(current_principal), billing: BillingService = Depends(billing_service)
) -> list[dict[str, Any]]:
    return await billing.payment_history(principal.member_id)


@router.post("/webhooks/paystream", status_code=status.HTTP_204_NO_CONTENT)
async def paystream_webhook(
    request: Request,
    signature: str = Header(alias="PayStream-Signature"),
    billing: BillingService = Depends(billing_service),
) -> None:
    await billing.handle_webhook(await request.body(), signature)
