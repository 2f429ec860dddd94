from __future__ import annotations

from fastapi import Depends, Header, HTTPException, Request, WebSocket

from telco.container import Container


def get_container(request: Request) -> Container:
    return request.app.state.container


def ws_container(websocket: WebSocket) -> Container:
    return websocket.app.state.container


async def selfcare_subscriber(
    request: Request, authorization: str = Header(default=""), container: Container = Depends(get_container)
) -> int:
    token = authorization.removeprefix("Bearer ").strip()
    if not token:
        raise HTTPException(status_code=401, detail="missing token")
    subscriber_id = await container.redis.get(f"session:{token}")
    if subscriber_id is None:
        raise HTTPException(status_code=401, detail="invalid session")
    return int(subscriber_id)


async def staff_only(x_staff_token: str = Header(default=""), container: Container = Depends(get_container)) -> str:
    staff = await container.redis.get(f"staff:{x_staff_token}") if x_staff_token else None
    if staff is None:
        raise HTTPException(status_code=403, detail="staff only")
    return staff
