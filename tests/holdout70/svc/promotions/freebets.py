from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import AuditLog, FreeBet
from svc.rg.limits import ResponsibleGamblingService

logger = logging.getLogger(__name__)


class FreeBetError(Exception):
    pass


class AuditTrail:
    def __init__(self, sessions) -> None:
        self._sessions = sessions

    async def record(self, actor: str, action: str, subject: str, detail: dict) -> None:
        async with self._sessions() as session:
            session.add(AuditLog(actor=actor, action=action, subject=subject, detail=json.dumps(detail)))
            await session.commit()


class FreeBetService:
    def __init__(self, rg: ResponsibleGamblingService, audit: AuditTrail) -> None:
        self._rg = rg
        self._audit = audit

    async def issue(self, session: AsyncSession, user_id: int, campaign: str, amount: Decimal,
                    valid_days: int = 7) -> int:
        fb = FreeBet(
            user_id=user_id,
            campaign_code=campaign,
            amount=amount,
            expires_at=datetime.now(timezone.utc) + timedelta(days=valid_days),
        )
        session.add(fb)
        await session.commit()
        await self._audit.record("system", "freebet.issue", str(user_id), {"campaign": campaign, "amount": str(amount)})
        return fb.id

    async def issue_bulk(self, session: AsyncSession, user_ids: list[int], campaign: str, amount: Decimal,
                         valid_days: int = 7) -> int:
        expires = datetime.now(timezone.utc) + timedelta(days=valid_days)
        session.add_all(
            FreeBet(user_id=uid, campaign_code=campaign, amount=amount, expires_at=expires) for uid in user_ids
        )
        await session.commit()
        await self._audit.record("system", "freebet.issue_bulk", campaign, {"users": len(user_ids), "amount": str(amount)})
        return len(user_ids)

    async def redeem(self, session: AsyncSession, user_id: int, free_bet_id: int) -> Decimal:
        fb = await session.get(FreeBet, free_bet_id)
        if fb is None or fb.user_id != user_id:
            raise FreeBetError("unknown free bet")
        if fb.redeemed_at is not None or fb.expired:
            raise FreeBetError("free bet already used")
        await self._rg.assert_not_excluded(user_id)
        fb.redeemed_at = datetime.now(timezone.utc)
        await session.commit()
        self._audit.record(f"user:{user_id}", "freebet.redeem", str(free_bet_id), {"amount": str(fb.amount)})
        return fb.amount

    async def expire_due(self, session: AsyncSession) -> int:
        stmt = (
            update(FreeBet)
            .where(FreeBet.expires_at < datetime.now(timezone.utc), FreeBet.redeemed_at.is_(None),
                   FreeBet.expired.is_(False))
            .values(expired=True)
        )
        result = await session.execute(stmt)
        await session.commit()
        return result.rowcount

    async def list_active(self, session: AsyncSession, user_id: int) -> list[FreeBet]:
        stmt = select(FreeBet).where(FreeBet.user_id == user_id, FreeBet.redeemed_at.is_(None),
                                     FreeBet.expired.is_(False))
        return list((await session.scalars(stmt)).all())
