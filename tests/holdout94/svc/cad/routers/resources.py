from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException

from ..deps import current_dispatcher, get_container
from ..errors import FeedError, MutualAidError, NotFound
from ..schemas import MutualAidCreate
from ..services.auth import Principal
from ..services.container import Container

router = APIRouter(tags=["resources"])
log = logging.getLogger(__name__)


@router.post("/mutual-aid", status_code=201)
async def request_mutual_aid(
    body: MutualAidCreate,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    try:
        row = await container.mutual_aid.request(body.incident_id, body.resource_type, body.quantity, user.username)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except MutualAidError as exc:
        raise HTTPException(status_code=502, detail="neighbouring county did not accept the request") from exc
    return {"local_ref": row.local_ref, "remote_ref": row.remote_ref, "status": row.status}


@router.get("/hospitals/diversion")
async def diversion_board(container: Container = Depends(get_container), user: Principal = Depends(current_dispatcher)) -> list:
    return await container.diversion.board()


@router.post("/hospitals/diversion/refresh")
async def refresh_diversion(container: Container = Depends(get_container), user: Principal = Depends(current_dispatcher)) -> dict:
    try:
        changed = await container.diversion.poll_once()
    except FeedError as exc:
        log.exception("manual diversion refresh failed")
        raise HTTPException(status_code=503, detail="diversion feed unavailable") from exc
    return {"changed": changed}
