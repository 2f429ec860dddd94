"""Study event sockets: every client is checked; one forgets to close its subscription."""
import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from studies.cache import get_redis

router = APIRouter()


def user_for(websocket: WebSocket) -> str | None:
    return websocket.headers.get("x-user")


@router.websocket("/ws/study/{study_uid}")
async def study_events(websocket: WebSocket, study_uid: str) -> None:
    if user_for(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"study:{study_uid}")  # expect: websocket-lifecycle
    while True:
        msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        if msg is not None:
            try:
                await websocket.send_text(msg["data"])
            except WebSocketDisconnect:
                return
        else:
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=0.01)
            except asyncio.TimeoutError:
                pass
            except WebSocketDisconnect:
                return


@router.websocket("/ws/series/{series_uid}")
async def series_events(websocket: WebSocket, series_uid: str) -> None:
    if user_for(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"series:{series_uid}")
    try:
        while True:
            msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if msg is not None:
                await websocket.send_text(msg["data"])
            else:
                try:
                    await asyncio.wait_for(websocket.receive_text(), timeout=0.01)
                except asyncio.TimeoutError:
                    pass
    except WebSocketDisconnect:
        pass
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
