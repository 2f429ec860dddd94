"""Seller payouts and the PayStream webhook endpoint."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Request, Response, status

from svc.api.deps import current_seller, get_payout_service
from svc.clients.payments import verify_signature
from svc.db.models import Payout, Seller
from svc.errors import AuthenticationError, RateLimitedError
from svc.schemas import PayoutOut, PayoutRequest, ProviderEvent
from svc.services.payouts import PayoutService

router = APIRouter(prefix="/payouts", tags=["payouts"])
webhook_router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("", response_model=PayoutOut, status_code=status.HTTP_201_CREATED)
async def request_payout(
    body: PayoutRequest,
    request: Request,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=64),
    seller: Seller = Depends(current_seller),
    service: PayoutService = Depends(get_payout_service),
) -> Payout:
    if not await request.app.state.payout_limiter.hit(str(seller.id)):
        raise RateLimitedError("too many payout requests; try again later")
    if seller.kyc_status != "verified":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="complete identity verification first")
    return await service.request_payout(seller.id, body.amount_minor, body.currency.upper(), idempotency_key)


@router.get("", response_model=list[PayoutOut])
async def list_payouts(
    seller: Seller = Depends(current_seller), service: PayoutService = Depends(get_payout_service)
) -> list[Payout]:
    return list(await service.list_for_seller(seller.id))


@webhook_router.post("/paystream", status_code=status.HTTP_204_NO_CONTENT)
async def paystream_webhook(
    request: Request, signature: str = Header(..., alias="PayStream-Signature")
) -> Response:
    body = await request.body()
    secret = request.app.state.settings.payments_webhook_secret.get_secret_value().encode()
    if not verify_signature(secret, body, signature):
        raise AuthenticationError("invalid webhook signature")
    event = ProviderEvent.model_validate_json(body)
    print(f"paystream webhook {event.type} {event.id}")
    await request.app.state.webhooks.handle(event)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
