from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
from pathlib import Path

import requests
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import get_gateway
from svc.api.schemas import ApiKeyCreate, CarrierOut, ShipmentOut
from svc.db.models import ApiKey
from svc.db.repositories import ApiKeyRepository, CarrierRepository, ShipmentRepository
from svc.db.session import get_session
from svc.security import PBKDF2_ROUNDS, generate_api_key, require_carrier_key
from svc.services import carrier_assets
from svc.services.carrier_gateway import CarrierApiError, CarrierGateway
from svc.services.pricing import RateCard
from svc.settings import Settings, get_settings

logger = logging.getLogger(__name__)

router = APIRouter()

STATUS_PAGES = {
    "dhl": "https://status.dhl.example.com",
    "ups": "https://status.ups.example.com",
    "gls": "https://status.gls.example.com",
    "dpd": "https://status.dpd.example.com",
}


@router.get("", response_model=list[CarrierOut])
async def list_carriers(session: AsyncSession = Depends(get_session)) -> list[CarrierOut]:
    carriers = await CarrierRepository(session).list_all()
    return [CarrierOut.model_validate(c) for c in carriers]


@router.get("/search", response_model=list[CarrierOut])
async def search_carriers(
    q: str = Query(..., min_length=2, max_length=100),
    session: AsyncSession = Depends(get_session),
) -> list[CarrierOut]:
    carriers = await CarrierRepository(session).search(q.strip())
    return [CarrierOut.model_validate(c) for c in carriers]


@router.get("/me/open-shipments", response_model=list[ShipmentOut])
async def my_open_shipments(
    key: ApiKey = Depends(require_carrier_key),
    session: AsyncSession = Depends(get_session),
) -> list[ShipmentOut]:
    rows = await ShipmentRepository(session).list_open(limit=1000)
    return [ShipmentOut.from_model(s, None) for s in rows if s.carrier_id == key.carrier_id]


@router.post("/rate-card/reload")
async def reload_rate_card(
    request: Request,
    settings: Settings = Depends(get_settings),
) -> dict[str, int]:
    data = open(settings.rate_card_path, encoding="utf-8").read()
    try:
        card = RateCard.from_csv_text(data, settings.base_currency)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, detail=str(exc)) from exc
    request.app.state.pricing.set_rate_card(card)
    return {"zones": card.zone_count, "brackets": card.bracket_count}


@router.post("/rate-card/validate")
async def validate_rate_card(settings: Settings = Depends(get_settings)) -> dict[str, object]:
    path = Path(settings.rate_card_path)
    text = await asyncio.to_thread(path.read_text, encoding="utf-8")
    try:
        card = RateCard.from_csv_text(text, settings.base_currency)
    except ValueError as exc:
        return {"valid": False, "error": str(exc)}
    return {"valid": True, "zones": card.zone_count, "brackets": card.bracket_count}


@router.get("/{code}", response_model=CarrierOut)
async def get_carrier(code: str, session: AsyncSession = Depends(get_session)) -> CarrierOut:
    carrier = await CarrierRepository(session).get_by_code(code)
    if carrier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown carrier")
    return CarrierOut.model_validate(carrier)


@router.post("/{code}/api-keys", status_code=status.HTTP_201_CREATED)
async def create_api_key(
    code: str,
    body: ApiKeyCreate,
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    carrier = await CarrierRepository(session).get_by_code(code)
    if carrier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown carrier")
    raw_key, prefix = generate_api_key()
    salt = os.urandom(16)
    key_hash = hashlib.pbkdf2_hmac("sha256", raw_key.encode(), salt, PBKDF2_ROUNDS)
    ApiKeyRepository(session).add(
        ApiKey(carrier_id=carrier.id, key_prefix=prefix, key_hash=key_hash, salt=salt, label=body.label)
    )
    await session.commit()
    return {"api_key": raw_key, "prefix": prefix}


@router.post("/{code}/webhook-secret/rotate")
async def rotate_webhook_secret(code: str, session: AsyncSession = Depends(get_session)) -> dict[str, str]:
    carriers = CarrierRepository(session)
    carrier = await carriers.get_by_slug(code)
    if carrier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown carrier")
    carrier.webhook_secret = secrets.token_hex(32)
    await session.commit()
    return {"webhook_secret": carrier.webhook_secret}


@router.post("/{code}/ping")
async def ping_carrier(code: str, gateway: CarrierGateway = Depends(get_gateway)) -> dict[str, object]:
    try:
        result = await gateway.ping(code)
    except CarrierApiError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, detail="carrier API unavailable") from exc
    return {"carrier": code, "result": result}


@router.get("/{code}/logo", response_class=Response)
def carrier_logo(code: str) -> Response:
    data = carrier_assets.logo_png(code)
    if data is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no logo for carrier")
    return Response(content=data, media_type="image/png", headers={"Cache-Control": "max-age=86400"})


@router.get("/{code}/status-page")
def carrier_status_page(code: str) -> dict[str, object]:
    base = STATUS_PAGES.get(code)
    if base is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no status page known")
    resp = requests.get(f"{base}/api/v2/summary.json", timeout=5)
    resp.raise_for_status()
    summary = resp.json()
    return {
        "carrier": code,
        "indicator": summary.get("status", {}).get("indicator", "unknown"),
        "incidents": [i.get("name") for i in summary.get("incidents", [])][:5],
    }
