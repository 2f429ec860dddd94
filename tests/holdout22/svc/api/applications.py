"""Applicant-facing application endpoints and live status socket."""
from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, WebSocket
from pydantic import BaseModel, Field
from starlette.websockets import WebSocketState

from svc.api.deps import Session, User, application_service, screening_service
from svc.db import applications_repo
from svc.db.engine import SessionLocal
from svc.services.applications import ApplicationService
from svc.services.screening import ScreeningService

router = APIRouter(prefix="/applications", tags=["applications"])
Applications = Annotated[ApplicationService, Depends(application_service)]
Screening = Annotated[ScreeningService, Depends(screening_service)]


class ApplicationIn(BaseModel):
    listing_id: int
    ssn: str = Field(pattern=r"^\d{3}-?\d{2}-?\d{4}$")


@router.post("", status_code=201)
async def submit(body: ApplicationIn, user: User, session: Session, service: Applications) -> dict[str, Any]:
    application = await service.submit(session, user.id, body.listing_id, body.ssn)
    return {"id": str(application.id), "status": application.status}


@router.post("/{application_id}/withdraw", status_code=204)
async def withdraw(application_id: UUID, user: User, session: Session, service: Applications) -> None:
    await service.withdraw(session, application_id, user.id)


@router.post("/{application_id}/reopen", status_code=204)
async def reopen(application_id: UUID, user: User, session: Session, service: Applications) -> None:
    await service.reopen(session, application_id)


@router.post("/identity")
async def start_identity(user: User, session: Session, screening: Screening, return_url: str) -> dict[str, str]:
    return await screening.begin_identity(session, user.id, return_url)


@router.websocket("/{application_id}/live")
async def application_status_socket(websocket: WebSocket, application_id: UUID) -> None:
    await websocket.accept()
    last_status: str | None = None
    while websocket.client_state == WebSocketState.CONNECTED:
        async with SessionLocal() as session:
            application = await applications_repo.get_application(session, application_id)
        if application.status != last_status:
            last_status = application.status
            await websocket.send_json({"status": last_status, "credit_score": application.credit_score})
        await asyncio.sleep(5)
