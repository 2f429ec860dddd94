"""Match event streams relayed from redis pub/sub to spectators."""
import asyncio

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from live.ticks import scoreboard_ticks

router = APIRouter()


def get_redis() -> Redis:
    return Redis.from_url("redis://localhost:6379/0")


@router.websocket("/ws/matches/{match_id}/events")
async def match_events(websocket: WebSocket, match_id: str, redis: Redis = Depends(get_redis)) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"match:{match_id}:events")  # expect: websocket-lifecycle
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])
    except WebSocketDisconnect:
        return


@router.websocket("/ws/matches/{match_id}/events/v2")
async def match_events_v2(websocket: WebSocket, match_id: str, redis: Redis = Depends(get_redis)) -> None:
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"match:{match_id}:events")

    async def relay() -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])

    sender = asyncio.create_task(relay())
    try:
        async for _ in websocket.iter_text():
            pass
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        await pubsub.unsubscribe()
        await pubsub.aclose()


@router.websocket("/ws/matches/{match_id}/scoreboard")
async def scoreboard(websocket: WebSocket, match_id: str) -> None:
    await websocket.accept()
    try:
        async for snapshot in scoreboard_ticks(match_id):
            await websocket.send_json(snapshot)
    except WebSocketDisconnect:
        pass
