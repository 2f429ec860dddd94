"""Releasing a milestone's funds: the escrow service checks, the milestone service pays out."""
from dataclasses import dataclass

from escrowd.locks import KeyedLocks


@dataclass
class Milestone:
    id: int
    contract_id: int
    status: str


class MilestoneService:
    def __init__(self, locks: KeyedLocks) -> None:
        self.locks = locks
        self.paid: list[int] = []

    async def release_funds(self, milestone: Milestone) -> None:
        async with self.locks.contract(milestone.contract_id):  # expect: deadlock
            self.paid.append(milestone.id)

    async def pay_other(self, milestone: Milestone, other: Milestone) -> None:
        async with self.locks.contract(other.contract_id):
            self.paid.append(milestone.id)


class EscrowService:
    def __init__(self, locks: KeyedLocks, milestones: MilestoneService) -> None:
        self.locks = locks
        self.milestones = milestones

    async def release_now(self, milestone: Milestone) -> None:
        async with self.locks.contract(milestone.contract_id):
            if milestone.status != "approved":
                return
            await self.milestones.release_funds(milestone)

    async def settle_with(self, milestone: Milestone, other: Milestone) -> None:
        async with self.locks.contract(milestone.contract_id):
            await self.milestones.pay_other(milestone, other)
