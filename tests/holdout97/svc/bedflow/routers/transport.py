from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status

from ..container import Container
from ..deps import get_container, require_role
from ..errors import Conflict, NotFound
from ..middleware.auth import BoardUser
from ..schemas import TransportIn

router = APIRouter(prefix="/transport", tags=["transport"])


@router.post("", status_code=201)
async def request_transport(
    body: TransportIn,
    user: BoardUser = Depends(require_role("bed_manager", "charge_nurse", "ed_nurse")),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    request_id = await container.transport().request(
        body.patient_id, body.from_location, body.to_bed_id, body.ward_id, body.urgent
    )
    return {"id": request_id}


@router.post("/{request_id}/claim")
async def claim(request_id: int, porter_id: str, container: Container = Depends(get_container)) -> dict[str, str]:
    try:
        await container.transport().claim(request_id, porter_id)
    except Conflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"status": "claimed"}


@router.post("/{request_id}/cancel")
async def cancel(request_id: int, container: Container = Depends(get_container)) -> dict:
    try:
        await container.transport().cancel(request_id)
    except NotFound as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True}


@router.get("/board")
async def transport_board(container: Container = Depends(get_container)) -> list[dict]:
    return await container.transport().board()
