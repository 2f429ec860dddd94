"""Adjuster workload and claim assignment."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import Adjuster, Claim
from svc.errors import ConflictError, NotFoundError
from svc.repositories.claims import ClaimsRepository
from svc.schemas import ClaimSummary

logger = logging.getLogger(__name__)


class AdjusterService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], claims: ClaimsRepository) -> None:
        self._sessionmaker = sessionmaker
        self._claims = claims

    async def workload(self, adjuster_id: int, limit: int = 50) -> list[ClaimSummary]:
        rows = await self._claims.list_for_adjuster(adjuster_id, before=None, limit=limit)
        latest = await asyncio.gather(*(self._claims.latest_event(r["id"]) for r in rows))
        return [
            ClaimSummary(
                id=r["id"],
                claim_number=r["claim_number"],
                status=r["status"],
                reported_at=r["reported_at"],
                last_event=ev["kind"] if ev else None,
            )
            for r, ev in zip(rows, latest, strict=True)
        ]

    async def assign(self, claim_id: int, adjuster_id: int) -> None:
        """Manual assignment by a team lead."""
        async with self._sessionmaker() as session:
            adjuster = await session.get(Adjuster, adjuster_id)
            claim = await session.get(Claim, claim_id)
            if adjuster is None or not adjuster.active or claim is None:
                raise NotFoundError("adjuster or claim not found")
            if adjuster.open_claims >= adjuster.max_open_claims:
                raise ConflictError(f"adjuster {adjuster_id} is at capacity")
            claim.adjuster_id = adjuster_id
            adjuster.open_claims = adjuster.open_claims + 1
            await session.commit()

    async def auto_assign(self, claim_id: int, region: str) -> int | None:
        """Give the claim to the least loaded active adjuster in the region with spare capacity."""
        async with self._sessionmaker() as session, session.begin():
            candidate = (
                select(Adjuster.id)
                .where(Adjuster.region == region, Adjuster.active.is_(True), Adjuster.open_claims < Adjuster.max_open_claims)
                .order_by(Adjuster.open_claims)
                .limit(1)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            stmt = (
                update(Adjuster)
                .where(Adjuster.id == candidate, Adjuster.open_claims < Adjuster.max_open_claims)
                .values(open_claims=Adjuster.open_claims + 1)
                .returning(Adjuster.id)
            )
            adjuster_id = (await session.execute(stmt)).scalar_one_or_none()
            if adjuster_id is None:
                logger.info("no adjuster with capacity in region %s for claim %s", region, claim_id)
                return None
            await session.execute(update(Claim).where(Claim.id == claim_id).values(adjuster_id=adjuster_id))
            return adjuster_id

    async def team_overview(self, region: str) -> list[dict[str, Any]]:
        async with self._sessionmaker() as session:
            adjusters = (await session.scalars(select(Adjuster).where(Adjuster.region == region).order_by(Adjuster.name))).all()
        counts = await self._claims.open_counts_by_adjuster([a.id for a in adjusters])
        return [
            {"id": a.id, "name": a.name, "open": counts.get(a.id, 0), "capacity": a.max_open_claims}
            for a in adjusters
        ]
