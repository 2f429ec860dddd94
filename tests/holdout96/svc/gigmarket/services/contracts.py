from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, Forbidden, NotFound
from ..models import Contract, User
from ..repositories.contracts_repo import ContractsRepository, MilestonesRepository
from ..repositories.jobs_repo import JobsRepository, ProposalsRepository
from ..utils.cache import JsonCache


logger = logging.getLogger(__name__)


def contract_to_dict(c: Contract, milestones: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": c.id,
        "job_id": c.job_id,
        "client_id": c.client_id,
        "freelancer_id": c.freelancer_id,
        "currency": c.currency,
        "status": c.status,
        "escrow_balance": str(c.escrow_balance),
        "milestones": milestones or [],
    }


def milestone_to_dict(m: Any) -> dict[str, Any]:
    return {"id": m.id, "title": m.title, "amount": str(m.amount), "status": m.status}


class ContractService:
    def __init__(self, session: AsyncSession, cache: JsonCache) -> None:
        self.session = session
        self.cache = cache
        self.contracts = ContractsRepository(session)
        self.milestones_repo = MilestonesRepository(session)
        self.proposals = ProposalsRepository(session)
        self.jobs = JobsRepository(session)

    async def hire(self, client: User, proposal_id: int, milestones: list[dict[str, Any]]) -> dict[str, Any]:
        proposal = await self.proposals.get(proposal_id)
        if proposal is None:
            raise NotFound("proposal")
        job = await self.jobs.get(proposal.job_id)
        if job is None or job.client_id != client.id:
            raise Forbidden("not your job")
        if proposal.status == "hired":
            raise Conflict("proposal already hired")
        contract = await self.contracts.create(
            job_id=job.id, proposal_id=proposal.id, client_id=client.id,
            freelancer_id=proposal.freelancer_id, currency=job.currency,
        )
        from ..models import Milestone

        for spec in milestones:
            self.session.add(Milestone(contract_id=contract.id, title=spec["title"], amount=spec["amount"]))
        proposal.status = "hired"
        await self.session.commit()
        await self.cache.delete(f"contracts:{client.id}")
        await self.cache.delete(f"contracts:{proposal.freelancer_id}")
        return contract_to_dict(contract)

    async def get_for_user(self, contract_id: int, user: User) -> dict[str, Any]:
        contract = await self.contracts.get_with_milestones(contract_id)
        if contract is None or user.id not in (contract.client_id, contract.freelancer_id):
            raise NotFound("contract")
        return contract_to_dict(contract, [milestone_to_dict(m) for m in contract.milestones])

    async def list_for_user(self, user: User, status: str | None) -> list[dict[str, Any]]:
        key = f"contracts:list:{status or 'all'}"
        cached = await self.cache.get(key)
        if cached is not None:
            return cached
        rows = []
        for contract in await self.contracts.for_user(user.id, status):
            milestones = await self.milestones_repo.list_for_contract(contract.id)
            rows.append(contract_to_dict(contract, [milestone_to_dict(m) for m in milestones]))
        await self.cache.set(key, rows)
        return rows

    async def end_contract(self, contract_id: int, user: User) -> None:
        contract = await self.contracts.get_contract_by_id(contract_id)
        if contract is None or contract.client_id != user.id:
            raise NotFound("contract")
        if contract.escrow_balance > 0:
            raise Conflict("release or refund escrow before ending the contract")
        contract.status = "ended"
        await self.session.commit()
