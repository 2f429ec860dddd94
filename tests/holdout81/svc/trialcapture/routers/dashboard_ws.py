from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..repositories.subjects import SubjectRepository

log = logging.getLogger(__name__)

router = APIRouter(tags=["dashboard"])


@router.websocket("/ws/dashboard/{study_id}")
async def enrolment_dashboard(websocket: WebSocket, study_id: int) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    queue = container.dashboard.attach(study_id, websocket)
    try:
        async with container.sessionmaker() as session:
            snapshot = await container.dashboard.snapshot(study_id, SubjectRepository(session))
        await websocket.send_json(snapshot)
        while True:
            event = await queue.get()
            await websocket.send_json(event)
    except WebSocketDisconnect:
        log.debug("dashboard client left study %s", study_id)
    finally:
        container.dashboard.detach(study_id, websocket)
