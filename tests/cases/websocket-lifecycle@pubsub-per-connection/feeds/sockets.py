"""Per-connection redis subscriptions relayed to websocket clients."""
import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from feeds.relay import relay_channel

router = APIRouter()


@router.websocket("/ws/jobs/{job_id}")
async def job_progress(websocket: WebSocket, job_id: int) -> None:  # expect: websocket-lifecycle (never reads: RA320)
    await websocket.accept()
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(f"job:{job_id}")  # expect: websocket-lifecycle
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        update = json.loads(message["data"])
        await websocket.send_json(update)
        if update.get("status") == "done":
            break
    await pubsub.aclose()
    await websocket.close()


@router.websocket("/ws/jobs/{job_id}/closed")
async def job_progress_closed(websocket: WebSocket, job_id: int) -> None:  # expect: websocket-lifecycle (never reads: RA320)
    await websocket.accept()
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(f"job:{job_id}")
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])
    except WebSocketDisconnect:
        pass
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()


@router.websocket("/ws/jobs/{job_id}/managed")
async def job_progress_managed(websocket: WebSocket, job_id: int) -> None:  # expect: websocket-lifecycle (never reads: RA320)
    await websocket.accept()
    async with websocket.app.state.redis.pubsub() as pubsub:
        await pubsub.subscribe(f"job:{job_id}")
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])


@router.websocket("/ws/jobs/{job_id}/relayed")
async def job_progress_relayed(websocket: WebSocket, job_id: int) -> None:
    await websocket.accept()
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(f"job:{job_id}")
    await relay_channel(pubsub, websocket)


@router.websocket("/ws/jobs/{job_id}/pumped")
async def job_progress_pumped(websocket: WebSocket, job_id: int) -> None:
    await websocket.accept()
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(f"job:{job_id}")

    async def pump() -> None:
        try:
            async for message in pubsub.listen():
                if message["type"] == "message":
                    await websocket.send_text(message["data"])
        finally:
            await pubsub.aclose()

    task = asyncio.create_task(pump())
    try:
        async for _ in websocket.iter_text():
            pass
    except WebSocketDisconnect:
        pass
    finally:
        task.cancel()
