from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from svc.api.deps import get_assignment_service, require_role
from svc.services.assignment import Assignment, AssignmentService
from svc.services.fraud import FraudService

router = APIRouter(prefix="/assignments", tags=["adjusters"], dependencies=[Depends(require_role("supervisor"))])


class AssignRequest(BaseModel):
    claim_number: str
    region: str


class RegionMove(BaseModel):
    from_region: str
    to_region: str


class RescoreRequest(BaseModel):
    claim_ids: list[UUID]


@router.post("/claims/{claim_id}")
async def assign_claim(claim_id: UUID, body: AssignRequest, service: AssignmentService = Depends(get_assignment_service)) -> Assignment:
    return await service.assign(claim_id, body.claim_number, body.region)


@router.put("/claims/{claim_id}/adjuster/{adjuster_id}")
async def assign_claim_to(claim_id: UUID, adjuster_id: UUID, service: AssignmentService = Depends(get_assignment_service)) -> Assignment:
    return await service.assign_to(claim_id, adjuster_id)


@router.get("/regions/{region}/roster")
async def roster(region: str, service: AssignmentService = Depends(get_assignment_service)) -> list[UUID]:
    return await service.refresh_roster(region)


@router.get("/regions/{region}/overloaded")
async def overloaded(region: str, service: AssignmentService = Depends(get_assignment_service)) -> list[UUID]:
    return await service.rebalance_hint(region)


@router.post("/regions/move")
async def move_region(body: RegionMove, service: AssignmentService = Depends(get_assignment_service)) -> dict[str, int]:
    return {"moved": await service.reassign_region(body.from_region, body.to_region)}


@router.post("/fraud/rescore")
async def rescore(body: RescoreRequest, request: Request) -> dict[str, int]:
    fraud: FraudService = request.app.state.fraud_service
    return {"flagged": await fraud.rescore(body.claim_ids)}
