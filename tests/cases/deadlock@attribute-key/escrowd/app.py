from fastapi import FastAPI

from escrowd.locks import KeyedLocks
from escrowd.services import EscrowService, Milestone, MilestoneService

app = FastAPI()
locks = KeyedLocks()
escrow = EscrowService(locks, MilestoneService(locks))


@app.post("/milestones/{milestone_id}/release")
async def release(milestone_id: int, contract_id: int) -> None:
    await escrow.release_now(Milestone(milestone_id, contract_id, "approved"))


@app.post("/milestones/{milestone_id}/settle")
async def settle(milestone_id: int, contract_id: int, other_contract: int) -> None:
    await escrow.settle_with(Milestone(milestone_id, contract_id, "approved"), Milestone(0, other_contract, "approved"))
