from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import PlainTextResponse

from portops.deps import get_edi
from portops.errors import NotFound
from portops.services.edi_service import EdiService
from portops.utils.files import archive_path

router = APIRouter(prefix="/edi", tags=["edi"])


@router.post("/inbound", status_code=202)
async def inbound(raw: str = Body(..., media_type="application/edifact"), svc: EdiService = Depends(get_edi)) -> dict:
    message_id = await svc.receive(raw)
    return {"id": message_id, "duplicate": message_id is None}


@router.get("/search")
async def search(q: str, svc: EdiService = Depends(get_edi)) -> list[dict]:
    return await svc.search(q)


@router.get("/archive/{sender}/{reference}", response_class=PlainTextResponse)
def archived_message(sender: str, reference: str, request: Request) -> str:
    path = archive_path(request.app.state.settings.edi_archive_dir, sender, reference)
    if not path.exists():
        raise NotFound("archived interchange not found", sender=sender, reference=reference)
    return path.read_text(encoding="utf-8")


@router.get("/containers/{number}")
async def container(number: str, svc: EdiService = Depends(get_edi)) -> dict:
    return await svc.container_history(number.upper())


@router.post("/codeco/{operator}", status_code=202)
async def queue_codeco(operator: str, body: str = Body(..., media_type="application/edifact"), svc: EdiService = Depends(get_edi)) -> dict:
    return {"outbox": await svc.queue_codeco(operator, body)}
