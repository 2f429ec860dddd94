from __future__ import annotations

import logging
import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from glide.errors import Conflict, NotFound
from glide.models import Promotion, PromotionRedemption
from glide.services.wallet import WalletService
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class PromotionService:
    def __init__(self, session: AsyncSession, wallets: WalletService) -> None:
        self._s = session
        self._wallets = wallets

    async def _record_redemption(self, code: str, rider_id: uuid.UUID) -> bool:
        result = await self._s.execute(
            insert(PromotionRedemption)
            .values(id=uuid.uuid4(), code=code, rider_id=rider_id)
            .on_conflict_do_nothing(constraint="uq_promo_redemption_rider")
            .returning(PromotionRedemption.id)
        )
        return result.scalar_one_or_none() is not None

    async def redeem(self, code: str, rider_id: uuid.UUID) -> int:
        code = code.strip().upper()
        promo = (await self._s.execute(select(Promotion).where(Promotion.code == code))).scalar_one_or_none()
        if promo is None or (promo.expires_at is not None and promo.expires_at < utcnow()):
            raise NotFound("unknown or expired code")
        if promo.redeemed_count >= promo.max_redemptions:
            raise Conflict("promotion fully redeemed", code="promo_exhausted")
        if not await self._record_redemption(code, rider_id):
            raise Conflict("code already used", code="promo_used")
        balance = await self._wallets.credit_promo(rider_id, promo.credit_cents, code)
        promo.redeemed_count = promo.redeemed_count + 1
        await self._s.commit()
        log.info("rider %s redeemed %s", rider_id, code)
        return balance
