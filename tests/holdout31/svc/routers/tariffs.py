"""Tariff quotes for the app, tariff terms, and operator price overrides."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from svc.cache import TariffCache
from svc.config import settings
from svc.deps import get_pricing_config, get_tariff_cache, get_tariff_service
from svc.errors import NotFoundError
from svc.services.tariffs import TariffService, set_price_override

router = APIRouter(prefix="/v1", tags=["tariffs"])


class QuoteOut(BaseModel):
    tariff_id: int
    currency: str
    total_cents: int
    total_incl_vat_cents: int
    energy_cents: int
    time_cents: int
    fee_cents: int


class OverrideIn(BaseModel):
    price_per_kwh: Decimal | None = Field(default=None, ge=0, le=5)


@router.get("/tariffs/{tariff_id}/quote", response_model=QuoteOut)
async def quote(
    tariff_id: int,
    energy_kwh: Decimal = Query(gt=0, le=500),
    minutes: int = Query(ge=0, le=24 * 60),
    tariffs: TariffService = Depends(get_tariff_service),
    pricing: dict[str, Any] = Depends(get_pricing_config),
) -> QuoteOut:
    q = await tariffs.quote(tariff_id, energy_kwh=energy_kwh, minutes=minutes)
    vat_pct = Decimal(str(pricing.get("vat_pct", {}).get(q.currency, 0)))
    return QuoteOut(
        tariff_id=q.tariff_id,
        currency=q.currency,
        total_cents=q.total_cents,
        total_incl_vat_cents=int(q.total_cents * (1 + vat_pct / 100)),
        energy_cents=q.energy_cents,
        time_cents=q.time_cents,
        fee_cents=q.fee_cents,
    )


@router.get("/tariffs/{tariff_id}/terms", response_class=PlainTextResponse)
def tariff_terms(tariff_id: int) -> str:
    path = Path(settings.static_docs_dir) / "terms" / f"{tariff_id}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise NotFoundError(f"no published terms for tariff {tariff_id}") from exc


@router.put("/admin/tariffs/{tariff_id}/override", status_code=204)
async def override_price(
    tariff_id: int,
    body: OverrideIn,
    cache: TariffCache = Depends(get_tariff_cache),
) -> None:
    set_price_override(tariff_id, body.price_per_kwh)
    cache.invalidate(tariff_id)
