from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import Promo


class PromoInvalid(Exception):
    pass


def load_promo_rules() -> dict[str, Any]:
    with open(settings.promo_rules_path, encoding="utf-8") as fh:
        return json.load(fh)


class PromoService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def apply(self, code: str, subtotal: Decimal) -> Decimal:
        rules = load_promo_rules()
        if subtotal < Decimal(str(rules.get("min_subtotal", "0"))):
            raise PromoInvalid("basket below promo minimum")
        promo = await self.session.get(Promo, code.upper())
        if promo is None:
            raise PromoInvalid("unknown code")
        if promo.expires_at and promo.expires_at < datetime.now(timezone.utc):
            raise PromoInvalid("expired")
        if promo.redemptions >= promo.max_redemptions:
            raise PromoInvalid("fully redeemed")
        if promo.percent_off > 100 and promo.percent_off < 0:
            raise PromoInvalid("misconfigured promo")
        promo.redemptions += 1
        await self.session.commit()
        return (subtotal * promo.percent_off / 100).quantize(Decimal("0.01"))

    async def redeem_referral(self, code: str) -> bool:
        result = await self.session.execute(
            update(Promo)
            .where(Promo.code == code.upper(), Promo.redemptions < Promo.max_redemptions)
            .values(redemptions=Promo.redemptions + 1)
        )
        await self.session.commit()
        return result.rowcount == 1
