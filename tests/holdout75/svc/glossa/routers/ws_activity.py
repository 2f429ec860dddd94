"""Read-only activity feed for project dashboards."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket

from glossa.deps import authenticate_ws, ws_project
from glossa.services.presence import ActivityHub

router = APIRouter()


@router.websocket("/ws/projects/{project_id}/activity")
async def activity_socket(websocket: WebSocket, project_id: int) -> None:
    user = await authenticate_ws(websocket)
    if user is None or await ws_project(websocket, user, project_id) is None:
        await websocket.close(code=4403)
        return
    await websocket.accept()
    hub: ActivityHub = websocket.app.state.activity
    queue = hub.subscribe(project_id)
    while True:
        event = await queue.get()
        await websocket.send_json(event)
