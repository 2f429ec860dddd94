"""Patient-facing price quotes and formulary coverage."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import redis.asyncio as redis

from ..cache.reference import FormularyCache
from ..clients.pbm import PBMClient
from ..db.models import Patient, Prescription

QUOTE_TTL_SECONDS = 600


class PricingService:
    def __init__(self, pbm: PBMClient, cache: redis.Redis) -> None:
        self.pbm = pbm
        self.cache = cache

    async def patient_pay(self, patient: Patient, rx: Prescription) -> Decimal:
        key = f"copay:{patient.plan_id}:{rx.ndc}:{rx.quantity}"
        cached = await self.cache.get(key)
        if cached is not None:
            return Decimal(cached)
        price = await self.pbm.price_quote(rx.ndc, rx.quantity, patient.plan_id or "cash", patient.member_id)
        await self.cache.set(key, str(price), ex=QUOTE_TTL_SECONDS)
        return price

    async def basket(self, patient: Patient, prescriptions: list[Prescription]) -> dict[int, Decimal]:
        quotes: dict[int, Decimal] = {}
        for rx in prescriptions:
            quotes[rx.id] = await self.pbm.price_quote(rx.ndc, rx.quantity, patient.plan_id or "cash", patient.member_id)
        return quotes

    async def basket_for_pharmacy_review(self, plan_id: str, prescriptions: list[Prescription]) -> dict[int, Decimal]:
        prices = await self.pbm.price_quotes([(rx.ndc, rx.quantity) for rx in prescriptions], plan_id)
        return {rx.id: prices.get(rx.ndc, Decimal("0")) for rx in prescriptions}

    async def cached_catalog_prices(self, ndcs: list[str]) -> dict[str, Decimal]:
        keys = [f"awp:{ndc}" for ndc in ndcs]
        values = await self.cache.mget(keys)
        return {ndc: Decimal(json.loads(v)["awp"]) for ndc, v in zip(ndcs, values) if v is not None}


TIER_COPAY = {1: Decimal("5.00"), 2: Decimal("15.00"), 3: Decimal("40.00"), 4: Decimal("80.00")}


class FormularyService:
    def __init__(self, cache: FormularyCache) -> None:
        self.cache = cache

    async def coverage(self, patient: Patient, rx: Prescription) -> dict[str, Any]:
        if not patient.plan_id:
            return {"covered": False, "reason": "no plan on file"}
        entry = await self.cache.entry(patient.plan_id, rx.ndc)
        if entry is None:
            return {"covered": False, "reason": "not on formulary"}
        if rx.days_supply > 30:
            entry["copay"] = str(TIER_COPAY.get(entry.get("tier", 3), Decimal("40.00")) * 2)
        else:
            entry.setdefault("copay", str(TIER_COPAY.get(entry.get("tier", 3), Decimal("40.00"))))
        entry["covered"] = True
        return entry
