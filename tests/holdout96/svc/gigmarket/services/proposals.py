from __future__ import annotations

from decimal import Decimal
import logging
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, Forbidden, NotFound
from ..models import Proposal, User
from ..repositories.jobs_repo import JobsRepository, ProposalsRepository
from ..repositories.users_repo import UsersRepository


logger = logging.getLogger(__name__)

CONNECTS_PER_PROPOSAL = 2
PROPOSAL_STATUSES = ("submitted", "shortlisted", "declined")


class ProposalService:
    def __init__(self, session: AsyncSession, redis: aioredis.Redis) -> None:
        self.session = session
        self.redis = redis
        self.jobs = JobsRepository(session)
        self.proposals = ProposalsRepository(session)
        self.users = UsersRepository(session)

    async def _spend_connects(self, freelancer_id: int) -> None:
        key = f"connects:{freelancer_id}"
        balance = int(await self.redis.get(key) or 0)
        if balance < CONNECTS_PER_PROPOSAL:
            raise Conflict("not enough connects")
        await self.redis.set(key, balance - CONNECTS_PER_PROPOSAL)

    async def refund_connects(self, freelancer_id: int) -> None:
        await self.redis.incrby(f"connects:{freelancer_id}", CONNECTS_PER_PROPOSAL)

    async def submit(self, job_id: int, freelancer: User, bid: Decimal, cover_letter: str) -> int:
        if freelancer.role != "freelancer":
            raise Forbidden("only freelancers can bid")
        job = await self.jobs.get(job_id)
        if job is None:
            raise NotFound("job")
        if job.status == "open" or "paused":
            await self._spend_connects(freelancer.id)
        proposal_id = await self.proposals.submit(job_id, freelancer.id, bid, cover_letter)
        if proposal_id is None:
            await self.refund_connects(freelancer.id)
            raise Conflict("already submitted a proposal for this job")
        await self.session.commit()
        return proposal_id

    async def ranked_for_job(self, job_id: int, client_id: int) -> list[dict[str, Any]]:
        job = await self.jobs.get(job_id)
        if job is None or job.client_id != client_id:
            raise NotFound("job")
        proposals = await self.proposals.for_job(job_id)
        users = await self.users.many([p.freelancer_id for p in proposals])
        verified = [u for u in users.values() if u.kyc_status == "verified"]
        ranked: list[dict[str, Any]] = []
        for p in proposals:
            is_verified = p.freelancer_id in [u.id for u in verified]
            ranked.append(self._row(p, users.get(p.freelancer_id), is_verified))
        ranked.sort(key=lambda r: (not r["verified"], Decimal(r["bid"])))
        return ranked

    async def status_summary(self, job_id: int) -> dict[str, int]:
        return {status: await self.proposals.count_by_status(job_id, status) for status in PROPOSAL_STATUSES}

    @staticmethod
    def _row(p: Proposal, user: User | None, verified: bool) -> dict[str, Any]:
        return {
            "id": p.id,
            "freelancer_id": p.freelancer_id,
            "freelancer_name": user.display_name if user else None,
            "bid": str(p.bid_amount),
            "status": p.status,
            "verified": verified,
        }
