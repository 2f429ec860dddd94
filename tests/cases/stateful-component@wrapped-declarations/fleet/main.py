from __future__ import annotations

from uuid import UUID

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from .channels import AgentConnection, registry

app = FastAPI()


@app.websocket("/pools/{pool_id}/agents/{agent_id}")
async def agent(websocket: WebSocket, pool_id: UUID, agent_id: UUID) -> None:
    await websocket.accept()
    connection = AgentConnection(websocket, agent_id)
    await registry.register(pool_id, connection)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        await registry.unregister(pool_id, connection)


@app.post("/pools/{pool_id}/wake")
async def wake(pool_id: UUID) -> dict[str, bool]:
    return {"connected": await registry.wake(pool_id)}


@app.post("/pools/{pool_id}/commands")
async def command(pool_id: UUID, command: str) -> dict[str, bool]:
    await registry.request(pool_id, command)
    return {"queued": True}


@app.get("/pools/{pool_id}/commands")
async def commands(pool_id: UUID) -> list[str]:
    return await registry.requested(pool_id)
