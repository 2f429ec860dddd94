from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from dispensary.deps import ContainerDep, StaffDep

router = APIRouter(prefix="/claims", tags=["claims"])


@router.post("/{claim_id}/submit")
async def submit(claim_id: int, container: ContainerDep, staff: StaffDep) -> dict[str, Any]:
    return await container.claims.submit(claim_id)


@router.get("/{claim_id}")
async def get_claim(claim_id: int, container: ContainerDep, staff: StaffDep) -> dict[str, Any]:
    claim = await container.claims.get(claim_id)
    if claim is None:
        return {"error": "claim not found", "claim_id": claim_id}
    return {
        "id": claim.id,
        "status": claim.status,
        "payer_id": claim.payer_id,
        "payer_claim_ref": claim.payer_claim_ref,
        "reject_code": claim.reject_code,
        "attempts": claim.attempts,
    }


@router.post("/{claim_id}/reverse", status_code=204)
async def reverse(claim_id: int, container: ContainerDep, staff: StaffDep) -> None:
    if not staff.is_pharmacist:
        raise HTTPException(403, "pharmacist role required")
    await container.claims.reverse(claim_id)
