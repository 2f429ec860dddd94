"""Adjuster assignment queues."""
from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass

import redis.asyncio as aioredis

from svc.db.engine import Database
from svc.db.models import Adjuster, ClaimStatus
from svc.infra.locks import redis_lock
from svc.repositories.adjusters import AdjusterRepository
from svc.repositories.claims import ClaimRepository
from svc.services.errors import Conflict, NotFound
from svc.services.status_broadcaster import AdjusterFeed, StatusBroadcaster

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Assignment:
    claim_number: str
    adjuster_id: int
    adjuster_name: str


class AssignmentService:
    def __init__(
        self,
        db: Database,
        redis: aioredis.Redis,
        feed: AdjusterFeed,
        broadcaster: StatusBroadcaster,
        lock_ttl: int = 30,
    ) -> None:
        self._db = db
        self._redis = redis
        self._feed = feed
        self._broadcaster = broadcaster
        self._lock_ttl = lock_ttl

    async def assign_region(self, region: str, batch: int = 50) -> list[Assignment]:
        """Drain the triage queue of a region onto the least-loaded adjusters."""
        made: list[Assignment] = []
        async with redis_lock(self._redis, f"assign:{region}", ttl=self._lock_ttl):
            async with self._db.transaction() as session:
                claims = ClaimRepository(session)
                adjusters = AdjusterRepository(session)
                queue = await claims.unassigned(region, limit=batch)
                pool = await adjusters.active_in_region(region)
                load = {a.id: a.open_claims for a in pool}
                heap = [(a.open_claims / max(a.capacity, 1), a.id, a) for a in pool if a.open_claims < a.capacity]
                heapq.heapify(heap)
                for claim in queue:
                    if not heap:
                        break
                    _, _, adjuster = heapq.heappop(heap)
                    if not await adjusters.reserve_slot(adjuster.id):
                        continue
                    claim.adjuster_id = adjuster.id
                    claim.status = ClaimStatus.ASSIGNED
                    load[adjuster.id] += 1
                    if load[adjuster.id] < adjuster.capacity:
                        heapq.heappush(heap, (load[adjuster.id] / adjuster.capacity, adjuster.id, adjuster))
                    made.append(Assignment(claim.claim_number, adjuster.id, adjuster.name))
        for assignment in made:
            await self._feed.emit(assignment.adjuster_id, "assigned", {"claim_number": assignment.claim_number})
            await self._broadcaster.publish(assignment.claim_number, "assigned")
        log.info("assigned %d claims in region %s", len(made), region)
        return made

    async def reassign(self, claim_number: str, target_id: int, actor: str) -> Assignment:
        async with self._db.transaction() as session:
            claims = ClaimRepository(session)
            adjusters = AdjusterRepository(session)
            claim = await claims.by_number(claim_number)
            if claim is None:
                raise NotFound(f"claim {claim_number} not found")
            target = await adjusters.get(target_id)
            if target is None or not target.active:
                raise NotFound(f"adjuster {target_id} not available")
            if target.open_claims >= target.capacity:
                raise Conflict(f"adjuster {target.name} is at capacity")
            previous = claim.adjuster_id
            claim.adjuster_id = target.id
            target.open_claims = target.open_claims + 1
            if previous is not None:
                await adjusters.release_slot(previous)
        log.info("claim %s reassigned from %s to %s by %s", claim_number, previous, target_id, actor)
        await self._feed.emit(target.id, "reassigned", {"claim_number": claim_number, "by": actor})
        return Assignment(claim_number, target.id, target.name)

    async def workload(self, region: str) -> list[dict]:
        async with self._db.session() as session:
            pool: list[Adjuster] = await AdjusterRepository(session).active_in_region(region)
        return [
            {"id": a.id, "name": a.name, "open": a.open_claims, "capacity": a.capacity}
            for a in sorted(pool, key=lambda a: a.open_claims / max(a.capacity, 1))
        ]
