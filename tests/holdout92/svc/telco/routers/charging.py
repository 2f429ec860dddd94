from __future__ import annotations

from fastapi import APIRouter, Depends, UploadFile

from telco.container import Container
from telco.deps import get_container, staff_only
from telco.routers.schemas import CommitIn, ReserveIn

router = APIRouter(prefix="/charging", tags=["charging"], dependencies=[Depends(staff_only)])


@router.post("/reserve")
async def reserve(body: ReserveIn, container: Container = Depends(get_container)) -> dict:
    reservation_id = await container.balances.reserve(body.subscriber_id, body.session_id, body.amount_cents)
    return {"reservation_id": reservation_id, "granted_cents": body.amount_cents}


@router.post("/commit")
async def commit(body: CommitIn, container: Container = Depends(get_container)) -> dict:
    charged = await container.balances.commit(body.session_id, body.used_cents)
    return {"charged_cents": charged}


@router.post("/cdr-upload", status_code=202)
async def upload_cdrs(file: UploadFile, container: Container = Depends(get_container)) -> dict:
    raw = await file.read()
    rated = await container.ingest.ingest_upload(raw)
    return {"rated": rated}
