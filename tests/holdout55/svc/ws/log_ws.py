"""Live build log for the browser: replay from the redis stream, then follow live lines."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, WebSocket

from svc.redis_client import LOG_STREAM_KEY
from svc.ws.auth import verify_viewer_token

router = APIRouter()
logger = logging.getLogger(__name__)

REPLAY_BATCH = 500


@router.websocket("/ws/jobs/{job_id}/log")
async def job_log_socket(websocket: WebSocket, job_id: int) -> None:
    viewer = verify_viewer_token(websocket.query_params.get("token"))
    if viewer is None:
        websocket.close(code=4401)
        return
    await websocket.accept()
    hub = websocket.app.state.log_hub
    client = websocket.app.state.redis

    queue = hub.subscribe(job_id)
    sent: list[str] = []
    last_id = "0-0"
    while True:
        entries = await client.xrange(LOG_STREAM_KEY.format(job_id=job_id), min=f"({last_id}", count=REPLAY_BATCH)
        if not entries:
            break
        for entry_id, fields in entries:
            await websocket.send_text(fields["lines"])
            sent.append(json.loads(fields["lines"])["lines"][-1] if fields["lines"] else "")
            last_id = entry_id

    while True:
        payload = await queue.get()
        tail = json.loads(payload)["lines"]
        if tail and tail[-1] in sent:
            continue
        await websocket.send_text(payload)
        if tail:
            sent.append(tail[-1])
