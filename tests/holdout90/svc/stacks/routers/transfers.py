from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from stacks.deps import get_transfer_service, require_staff
from stacks.schemas import TransferIn
from stacks.services.transfers import TransferService, runs_for_branch

router = APIRouter(prefix="/transfers", tags=["transfers"])


@router.post("", status_code=201)
async def request_transfer(body: TransferIn, staff: str = Depends(require_staff), svc: TransferService = Depends(get_transfer_service)) -> dict:
    req = await svc.request(body.holding_id, body.from_branch_id, body.to_branch_id, body.hold_id)
    return {"id": req.id, "status": req.status}


@router.post("/branches/{branch_code}/dispatch")
async def dispatch(branch_code: str, request: Request, staff: str = Depends(require_staff), svc: TransferService = Depends(get_transfer_service)):
    branches = request.app.state.branch_codes
    branch_id = next((bid for bid, code in branches.items() if code == branch_code), None)
    if branch_id is None:
        return JSONResponse({"error": "unknown branch"}, status_code=404)
    return {"runs": await svc.dispatch(branch_id, branch_code, branches)}


@router.get("/branches/{branch_code}/van")
async def van_runs(branch_code: str) -> dict:
    return {"runs": runs_for_branch(branch_code)}
