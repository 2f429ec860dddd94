"""Server-sent events fallback for log streaming where websockets are blocked by proxies."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse

from svc.redis_client import LOG_STREAM_KEY
from svc.ws.auth import verify_viewer_token

router = APIRouter()

BLOCK_MS = 15_000


@router.get("/sse/jobs/{job_id}/log")
async def job_log_sse(request: Request, job_id: int, token: str | None = None) -> StreamingResponse:
    if verify_viewer_token(token) is None:
        raise HTTPException(status_code=401, detail="invalid viewer token")
    client = request.app.state.redis_pubsub
    key = LOG_STREAM_KEY.format(job_id=job_id)
    start = request.headers.get("last-event-id", "0-0")

    async def events() -> AsyncIterator[str]:
        last_id = start
        while not await request.is_disconnected():
            batch = await client.xread({key: last_id}, count=200, block=BLOCK_MS)
            if not batch:
                yield ": keep-alive\n\n"
                continue
            for _stream, entries in batch:
                for entry_id, fields in entries:
                    last_id = entry_id
                    yield f"id: {entry_id}\ndata: {json.dumps(fields['lines'])}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
