from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, HTTPException, Request, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.services.container import Container


def get_container(request: Request) -> Container:
    return request.app.state.container


def ws_container(websocket: WebSocket) -> Container:
    return websocket.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


async def require_staff(x_staff_token: str = Header(...), container: Container = Depends(get_container)) -> str:
    staff = await container.redis.get(f"staff-token:{x_staff_token}")
    if staff is None:
        raise HTTPException(status_code=401, detail="invalid staff token")
    return staff
