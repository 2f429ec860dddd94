"""Creative lookups."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.db.models import Creative


class CreativeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_for_campaign(self, campaign_id: int) -> Sequence[Creative]:
        stmt = select(Creative).where(Creative.campaign_id == campaign_id)
        return (await self._session.scalars(stmt)).all()

    async def list_for_campaigns(self, campaign_ids: Iterable[int]) -> dict[int, list[Creative]]:
        stmt = select(Creative).where(Creative.campaign_id.in_(list(campaign_ids)))
        grouped: dict[int, list[Creative]] = defaultdict(list)
        for creative in (await self._session.scalars(stmt)).all():
            grouped[creative.campaign_id].append(creative)
        return grouped

    async def claim_pending(self, limit: int = 100) -> Sequence[Creative]:
        claimable = (
            select(Creative.id)
            .where(Creative.audit_status == "pending")
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        stmt = (
            update(Creative)
            .where(Creative.id.in_(claimable.scalar_subquery()))
            .values(audit_status="auditing")
            .returning(Creative)
        )
        return (await self._session.scalars(stmt)).all()

    async def set_verdicts(self, verdicts: dict[int, str]) -> None:
        if not verdicts:
            return
        await self._session.execute(
            update(Creative)
            .where(Creative.id.in_(list(verdicts)))
            .values(audit_status=case(verdicts, value=Creative.id, else_=Creative.audit_status))
        )
