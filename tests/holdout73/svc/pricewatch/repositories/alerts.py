from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from pricewatch.db.models import AlertRule


async def count_for_user(session: AsyncSession, user_id: int) -> int:
    stmt = select(func.count()).select_from(AlertRule).where(AlertRule.user_id == user_id)
    return int(await session.scalar(stmt) or 0)


async def create_rule(
    session: AsyncSession,
    *,
    user_id: int,
    product_id: int,
    target_price: Decimal | None,
    min_drop_pct: Decimal | None,
    channel: str,
) -> AlertRule:
    rule = AlertRule(
        user_id=user_id,
        product_id=product_id,
        target_price=target_price,
        min_drop_pct=min_drop_pct,
        channel=channel,
    )
    session.add(rule)
    await session.flush()
    return rule


async def get_rule(session: AsyncSession, rule_id: int) -> AlertRule | None:
    return await session.get(AlertRule, rule_id)


async def list_for_user(session: AsyncSession, user_id: int) -> list[AlertRule]:
    stmt = select(AlertRule).where(AlertRule.user_id == user_id, AlertRule.active.is_(True))
    return list(await session.scalars(stmt))


async def list_with_products(session: AsyncSession, user_id: int) -> list[AlertRule]:
    stmt = (
        select(AlertRule)
        .where(AlertRule.user_id == user_id)
        .options(selectinload(AlertRule.product))
        .order_by(AlertRule.created_at.desc())
    )
    return list(await session.scalars(stmt))


async def rules_for_product(session: AsyncSession, product_id: int) -> list[AlertRule]:
    stmt = (
        select(AlertRule)
        .where(AlertRule.product_id == product_id)
        .where(AlertRule.active.is_(True))
    )
    return list(await session.scalars(stmt))


async def claim_fire(session: AsyncSession, rule_id: int, cooldown: timedelta) -> bool:
    """Mark the rule as fired unless it fired within ``cooldown``; True if we won the claim."""
    now = datetime.now(timezone.utc)
    stmt = (
        update(AlertRule)
        .where(AlertRule.id == rule_id)
        .where((AlertRule.last_fired_at.is_(None)) | (AlertRule.last_fired_at < now - cooldown))
        .values(last_fired_at=now)
        .returning(AlertRule.id)
    )
    return (await session.scalar(stmt)) is not None


async def deactivate(session: AsyncSession, rule_id: int, user_id: int) -> int:
    result = await session.execute(
        update(AlertRule)
        .where(AlertRule.id == rule_id, AlertRule.user_id == user_id)
        .values(active=False)
    )
    return result.rowcount
