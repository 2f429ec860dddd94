from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status

from svc.api.deps import card_service, kyc_service
from svc.api.schemas import IssuerEventIn, KycEventIn
from svc.config import Settings, get_settings
from svc.security import load_card_webhook_secret, verify_signature
from svc.services.compliance import CardService, IssuerEvent, KycService

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


def kyc_webhook_secret(settings: Settings = Depends(get_settings)) -> bytes:
    with open(settings.kyc_webhook_secret_path, "rb") as fh:
        return fh.read().strip()


async def verified_card_body(request: Request) -> bytes:
    body = await request.body()
    secret = load_card_webhook_secret()
    if not verify_signature(secret, body, request.headers.get("Issuer-Signature", "")):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bad signature")
    return body


@router.post("/kyc")
async def kyc_webhook(
    request: Request,
    secret: bytes = Depends(kyc_webhook_secret),
    kyc: KycService = Depends(kyc_service),
) -> dict[str, bool]:
    body = await request.body()
    if not verify_signature(secret, body, request.headers.get("X-Signature", "")):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bad signature")
    event = KycEventIn.model_validate_json(body)
    await kyc.handle_webhook(event.applicant_id, event.review_status)
    return {"ok": True}


@router.post("/card-issuer")
async def card_issuer_webhook(
    body: bytes = Depends(verified_card_body),
    cards: CardService = Depends(card_service),
) -> dict[str, bool]:
    payload = IssuerEventIn.model_validate_json(body)
    await cards.handle_issuer_event(IssuerEvent(id=payload.id, type=payload.type, data=payload.data))
    return {"received": True}
