from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from uuid import UUID

from fastapi import HTTPException
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.partners import send_assignment_email, send_sms
from svc.db.models import Claim
from svc.db.pg import AdjusterRepository
from svc.errors import AdjusterNotFoundError, NoAdjusterAvailableError
from svc.services.claims import StatusEvent, StatusEventBus

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Assignment:
    claim_id: UUID
    adjuster_id: UUID
    adjuster_name: str


class AssignmentService:
    """Routes claims to adjusters and keeps the supervisor dashboard's roster view."""

    def __init__(
        self,
        repo: AdjusterRepository,
        session_factory: async_sessionmaker[AsyncSession],
        bus: StatusEventBus,
        notify_url: str,
    ) -> None:
        self._repo = repo
        self._session_factory = session_factory
        self._bus = bus
        self._notify_url = notify_url
        self._roster_lock = asyncio.Lock()
        self._workload_lock = asyncio.Lock()
        self._roster: dict[str, list[UUID]] = {}
        self._workload: dict[UUID, int] = {}

    async def assign(self, claim_id: UUID, claim_number: str, region: str) -> Assignment:
        picked = await self._repo.reserve_next(region)
        if picked is None:
            raise NoAdjusterAvailableError(f"no adjuster with capacity in {region}")
        await self._link(claim_id, picked["id"])
        send_assignment_email(self._notify_url, picked["email"], claim_number, picked["full_name"])
        if picked["phone"]:
            await send_sms(self._notify_url, picked["phone"], f"New claim {claim_number} assigned to you")
        return Assignment(claim_id=claim_id, adjuster_id=picked["id"], adjuster_name=picked["full_name"])

    async def assign_to(self, claim_id: UUID, adjuster_id: UUID) -> Assignment:
        """Supervisor override: assign to a named adjuster."""
        adjuster = await self._repo.get(adjuster_id)
        if adjuster is None:
            raise AdjusterNotFoundError(f"adjuster {adjuster_id} not found")
        if adjuster["open_claims"] >= adjuster["capacity"]:
            raise HTTPException(status_code=409, detail="adjuster is at capacity")
        await self._repo.increment_open(adjuster_id)
        await self._link(claim_id, adjuster_id)
        return Assignment(claim_id=claim_id, adjuster_id=adjuster_id, adjuster_name=adjuster["full_name"])

    async def _link(self, claim_id: UUID, adjuster_id: UUID) -> None:
        async with self._session_factory() as session:
            await session.execute(update(Claim).where(Claim.id == claim_id).values(adjuster_id=adjuster_id, status="assigned"))
            await session.commit()
        self._bus.emit(StatusEvent(claim_id=claim_id, adjuster_id=adjuster_id, status="assigned"))

    async def refresh_roster(self, region: str) -> list[UUID]:
        async with self._roster_lock:
            rows = await self._repo.list_available(region)
            self._roster[region] = [row["id"] for row in rows]
            async with self._workload_lock:
                for row in rows:
                    self._workload[row["id"]] = row["open_claims"]
            return list(self._roster[region])

    async def rebalance_hint(self, region: str) -> list[UUID]:
        """Adjusters in the region whose workload is above the regional mean."""
        async with self._workload_lock:
            ids = list(self._workload)
            counts = await self._repo.open_counts(ids)
            self._workload.update(counts)
            async with self._roster_lock:
                members = set(self._roster.get(region, ()))
                regional = {k: v for k, v in self._workload.items() if k in members}
        if not regional:
            return []
        mean = sum(regional.values()) / len(regional)
        return [adjuster_id for adjuster_id, n in regional.items() if n > mean]

    async def reassign_region(self, from_region: str, to_region: str) -> int:
        moved = await self._repo.reassign_region(from_region, to_region)
        logger.info("moved %d adjusters from %s to %s", moved, from_region, to_region)
        return moved
