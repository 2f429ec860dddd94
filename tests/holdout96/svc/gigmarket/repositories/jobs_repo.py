from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Job, Proposal
from ..utils.pagination import Cursor


class JobsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, job_id: int) -> Job | None:
        return await self.session.get(Job, job_id)

    async def create(self, **fields: object) -> Job:
        job = Job(**fields)
        self.session.add(job)
        await self.session.flush()
        return job

    async def list_open(self, cursor: Cursor | None, limit: int = 25) -> list[Job]:
        stmt = select(Job).where(Job.status == "open")
        if cursor is not None:
            stmt = stmt.where(
                (Job.created_at, Job.id) < (datetime.fromisoformat(cursor.last_created), cursor.last_id)
            )
        stmt = stmt.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def search_fallback(self, text: str, limit: int = 25) -> list[Job]:
        stmt = (
            select(Job)
            .where(Job.status == "open", Job.title.ilike(f"%{text}%"))
            .order_by(Job.created_at.desc())
            .limit(limit)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def titles_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        stmt = select(Job.title).where(Job.title.ilike(f"{prefix}%")).order_by(Job.title).limit(limit)
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def featured(self, limit: int = 8) -> list[Job]:
        stmt = select(Job).where(Job.status == "open").order_by(func.random()).limit(limit)
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def for_client(self, client_id: int) -> list[Job]:
        result = await self.session.execute(select(Job).where(Job.client_id == client_id).order_by(Job.id.desc()).limit(100))
        return list(result.scalars())


class ProposalsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, proposal_id: int) -> Proposal | None:
        return await self.session.get(Proposal, proposal_id)

    async def submit(self, job_id: int, freelancer_id: int, bid: Decimal, cover_letter: str) -> int | None:
        stmt = (
            insert(Proposal)
            .values(job_id=job_id, freelancer_id=freelancer_id, bid_amount=bid, cover_letter=cover_letter)
            .on_conflict_do_nothing(constraint="uq_proposal_job_freelancer")
            .returning(Proposal.id)
        )
        result = await self.session.execute(stmt)
        return result.scalar_one_or_none()

    async def for_job(self, job_id: int) -> list[Proposal]:
        result = await self.session.execute(
            select(Proposal).where(Proposal.job_id == job_id).order_by(Proposal.bid_amount)
        )
        return list(result.scalars())

    async def count_by_status(self, job_id: int, status: str) -> int:
        result = await self.session.execute(
            select(func.count()).select_from(Proposal).where(Proposal.job_id == job_id, Proposal.status == status)
        )
        return int(result.scalar_one())

    async def set_status(self, proposal_id: int, status: str) -> None:
        proposal = await self.session.get(Proposal, proposal_id)
        if proposal is not None:
            proposal.status = status
