"""Target lookups: the indexes made before the rename still serve the renamed table."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import DeliveryTarget


async def targets_of_tenant(session: AsyncSession, tenant_id: str) -> list[DeliveryTarget]:
    # indexed when the table still had its first name
    return list(await session.scalars(select(DeliveryTarget).where(DeliveryTarget.tenant_id == tenant_id)))


async def targets_in_region(session: AsyncSession, region: str) -> list[DeliveryTarget]:
    # indexed under the first name, then dropped in a downgrade only
    return list(await session.scalars(select(DeliveryTarget).where(DeliveryTarget.region == region).limit(50)))


async def targets_on_channel(session: AsyncSession, channel: str) -> list[DeliveryTarget]:
    # never indexed under either name
    return list(await session.scalars(select(DeliveryTarget).where(DeliveryTarget.channel == channel).limit(50)))  # expect: missing-index
